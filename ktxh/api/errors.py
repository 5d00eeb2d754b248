"""Errors of the API as one JSON shape: {"code": machine code, "message": Vietnamese,
"errors": [every problem found]} (docs/api.md)."""

import re

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, JsonResponse
from django.views import defaults
from django.views.debug import SafeExceptionReporterFilter
from rest_framework import exceptions, status
from rest_framework.response import Response

from ktxh.engine.periods import PeriodError


class ApiError(exceptions.APIException):
    """An error with our own code, message, status and list of problems."""

    def __init__(self, message: str, *, code: str, status_code: int = 400, errors=None, extra=None):
        super().__init__(message)
        self.status_code, self.code, self.message = status_code, code, message
        self.errors, self.extra = errors or [], extra or {}


DRF_MESSAGES = _DRF = {
    exceptions.NotAuthenticated: ("not_authenticated", "Cần đăng nhập hoặc gửi khóa API (Authorization: Token <khóa>)."),
    exceptions.AuthenticationFailed: ("authentication_failed", None),
    exceptions.PermissionDenied: ("forbidden", "Bạn không có quyền thực hiện thao tác này."),
    exceptions.NotFound: ("not_found", "Không tìm thấy hoặc bạn không có quyền xem."),
    exceptions.MethodNotAllowed: ("method_not_allowed", "Phương thức HTTP không được hỗ trợ ở địa chỉ này."),
    exceptions.NotAcceptable: ("not_acceptable", "Không trả được định dạng đã yêu cầu."),
    exceptions.UnsupportedMediaType: ("unsupported_media_type", "Kiểu nội dung không được hỗ trợ; hãy gửi JSON."),
    exceptions.ParseError: ("malformed_json", "Nội dung gửi lên không phải JSON hợp lệ."),
    exceptions.Throttled: ("throttled", "Quá nhiều yêu cầu; hãy thử lại sau."),
}


def _flatten(detail, prefix="") -> list[dict]:
    if isinstance(detail, dict):
        out = []
        for key, value in detail.items():
            out += _flatten(value, f"{prefix}.{key}" if prefix else str(key))
        return out
    if isinstance(detail, list):
        out = []
        for i, value in enumerate(detail):
            out += _flatten(value, prefix if not isinstance(value, dict | list) else f"{prefix}[{i}]")
        return out
    return [{"field": prefix or None, "message": str(detail)}]


def error_body(code: str, message: str, errors=None, **extra) -> dict:
    return {"code": code, "message": message, "errors": errors or [], **extra}


def exception_handler(exc, context):
    from ktxh.entry.services import EntryRejected, WorkflowError
    from ktxh.values.services import ValueConflict, ValueLocked

    if isinstance(exc, ApiError):
        return Response(error_body(exc.code, exc.message, exc.errors, **exc.extra), status=exc.status_code)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return Response(error_body("forbidden", str(exc) or _DRF[exceptions.PermissionDenied][1]), status=403)
    if isinstance(exc, ValueConflict):
        from ktxh.api.serializers import ValueSerializer

        current = ValueSerializer(exc.current).data if exc.current is not None else None
        return Response(error_body("version_conflict", str(exc), current=current), status=409)
    if isinstance(exc, ValueLocked):
        return Response(error_body("locked", str(exc)), status=409)
    if isinstance(exc, EntryRejected):
        errors = [{"field": "value", "message": m, "level": "error"} for m in exc.check.errors]
        errors += [{"field": "value", "message": m, "level": "warning"} for m in exc.check.warnings]
        message = ("Giá trị không qua được kiểm tra." if exc.check.errors else
                   "Giá trị bất thường: gửi lại với \"confirmed\": true và một ghi chú giải thích.")
        return Response(error_body("check_failed", message, errors), status=422)
    if isinstance(exc, WorkflowError):
        return Response(error_body("workflow", str(exc)), status=409)
    if isinstance(exc, PeriodError):
        return Response(error_body("bad_period", str(exc)), status=400)
    if isinstance(exc, exceptions.ValidationError):
        return Response(error_body("invalid", "Dữ liệu gửi lên không hợp lệ.", _flatten(exc.detail)), status=400)
    if isinstance(exc, exceptions.PermissionDenied) and str(exc.detail).startswith("CSRF Failed"):
        return Response(error_body("csrf_failed", "Thiếu hoặc sai mã CSRF của phiên đăng nhập (CSRF); "
                                   "chương trình máy nên dùng khóa API."), status=403)
    if isinstance(exc, exceptions.APIException):
        code, message = next(((c, m) for cls, (c, m) in _DRF.items() if isinstance(exc, cls)),
                             ("error", None))
        response = Response(error_body(code, message or str(exc.detail)), status=exc.status_code)
        if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
            authenticator = context["request"].authenticators[0] if context.get("request") and \
                context["request"].authenticators else None
            if authenticator is not None:
                response["WWW-Authenticate"] = authenticator.authenticate_header(context["request"])
            response.status_code = status.HTTP_401_UNAUTHORIZED
        return response
    return None


class ExceptionReporterFilter(SafeExceptionReporterFilter):
    """Django's filter, also hiding the Authorization header (tokens, Basic passwords)."""

    hidden_settings = re.compile("API|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|AUTHORIZATION", flags=re.I)


NOT_FOUND_PATH = "Không có địa chỉ này trong API; xem danh sách tại /api/v1/docs/."


def not_found(request, exception=None):
    """handler404: under /api/ and /dhis2/ an unknown path answers JSON (machine code,
    Vietnamese message) like every other error of those doors; elsewhere the page."""
    if request.path.startswith("/dhis2/"):
        return JsonResponse({"httpStatus": "Not Found", "httpStatusCode": 404, "status": "ERROR",
                             "code": "not_found", "message": "Không có địa chỉ này trong API tương thích DHIS2 "
                                                            "(xem docs/api.md)."}, status=404)
    if request.path.startswith("/api/"):
        return JsonResponse(error_body("not_found", NOT_FOUND_PATH), status=404)
    return defaults.page_not_found(request, exception)
