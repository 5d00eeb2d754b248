"""The request body is measured before it is read (issue 13, finding 10).

Django reads a whole multipart body (spooling files to disk) before any view can look
at a file's size; this middleware refuses a request whose declared length is over the
bound first, with a Vietnamese page, so a 2 GB POST costs nothing. A body sent without
a length (chunked) is bounded by DATA_UPLOAD_MAX_MEMORY_SIZE for fields and by the
views' own file checks.
"""

from django.conf import settings
from django.shortcuts import render

# Room for the form fields and multipart headers around the largest accepted file.
_OVERHEAD = 1024 * 1024


def request_limit() -> int:
    return settings.KTXH_MAX_UPLOAD_BYTES + _OVERHEAD


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > request_limit():
            response = render(request, "request_too_large.html", {
                "size_mb": f"{length / 1048576:.1f}".replace(".", ","),
                "max_mb": settings.KTXH_MAX_UPLOAD_BYTES // 1048576,
            }, status=413)
            response["Connection"] = "close"  # the unread body is not worth keeping the connection for
            return response
        return self.get_response(request)
