from django.conf import settings


def site(request):
    return {"site_name": "ktxh", "site_title": "Theo dõi chỉ tiêu phát triển kinh tế - xã hội", "demo": settings.DEMO}
