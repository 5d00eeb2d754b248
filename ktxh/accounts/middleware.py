from django.contrib.auth.views import redirect_to_login

# Anonymous users see the login page and static files, nothing else; the API and the
# DHIS2-compatible endpoints authenticate themselves and answer 401 in JSON.
OPEN_PREFIXES = ("/dang-nhap/", "/static/", "/api/", "/dhis2/")


class LoginRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated and not request.path.startswith(OPEN_PREFIXES):
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)
