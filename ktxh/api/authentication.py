"""How machines authenticate: `Authorization: Token <key>` (or `ApiToken <key>`, as
DHIS2 clients send it), or HTTP Basic with a ktxh user's password or a token as the
password. The browser keeps its session, with Django's CSRF check."""

import base64
import binascii

from django.contrib.auth import authenticate
from rest_framework import authentication, exceptions

from ktxh.api.tokens import token_user

SCHEMES = ("token", "apitoken", "bearer")


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower().decode(errors="replace") not in SCHEMES:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Tiêu đề Authorization không đúng dạng 'Token <khóa>'.")
        user = token_user(header[1].decode(errors="replace"))
        if user is None:
            raise exceptions.AuthenticationFailed("Khóa API không đúng, đã hết hạn hoặc đã bị thu hồi.")
        return user, None

    def authenticate_header(self, request):
        return self.keyword


class BasicAuthentication(authentication.BaseAuthentication):
    """HTTP Basic, as stock DHIS2 clients send it: a ktxh user's name and password,
    or any name with an API token as the password."""

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != b"basic":
            return None
        try:
            user_id, _, password = base64.b64decode(header[1]).decode().partition(":")
        except (IndexError, binascii.Error, UnicodeDecodeError):
            raise exceptions.AuthenticationFailed("Tiêu đề Basic không đúng dạng.") from None
        user = token_user(password) or authenticate(request=request, username=user_id, password=password)
        if user is None or not user.is_active:
            raise exceptions.AuthenticationFailed("Tên đăng nhập, mật khẩu hoặc khóa API không đúng.")
        return user, None

    def authenticate_header(self, request):
        return 'Basic realm="ktxh"'
