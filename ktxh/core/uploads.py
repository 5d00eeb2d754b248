"""The request body is measured before it is read (issue 13, findings 6 and 10).

Django reads a whole multipart body (spooling files to disk) before any view can look
at a file's size; this middleware refuses a request whose declared length is over the
bound first, with a Vietnamese page, so a 2 GB POST costs nothing.

A body sent without a length (`Transfer-Encoding: chunked`) would otherwise be read by
Django as empty (its stream is limited to the declared 0 bytes) or, by a view reading the
raw input, without bound. Here it is read through a byte counter into a private spooled
file: past the bound the request is refused with the same 413, having kept at most the
bound; under it, the body is handed on with its now known length.

The machine doors (/api/, /dhis2/) take larger payloads (KTXH_API_MAX_BYTES) and answer
the refusal as JSON with a machine code.
"""

import tempfile

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render

# Room for the form fields and multipart headers around the largest accepted file.
_OVERHEAD = 1024 * 1024
_CHUNK = 64 * 1024
_MACHINE_PREFIXES = ("/api/", "/dhis2/")


def request_limit(path: str = "") -> int:
    if path.startswith(_MACHINE_PREFIXES):
        return max(settings.KTXH_API_MAX_BYTES, settings.KTXH_MAX_UPLOAD_BYTES) + _OVERHEAD
    return settings.KTXH_MAX_UPLOAD_BYTES + _OVERHEAD


def _too_large(request, length: int | None, limit: int):
    max_mb = (limit - _OVERHEAD) // 1048576
    size = f"{length / 1048576:.1f}".replace(".", ",") if length is not None else None
    if request.path.startswith(_MACHINE_PREFIXES):
        message = (f"Dữ liệu gửi lên có {size} MB, vượt giới hạn {max_mb} MB nên không được nhận. "
                   "Không có gì được ghi.") if size else (
            f"Dữ liệu gửi lên vượt giới hạn {max_mb} MB nên không được nhận. Không có gì được ghi.")
        response = JsonResponse({"code": "payload_too_large", "message": message, "errors": []}, status=413)
    else:
        response = render(request, "request_too_large.html", {"size_mb": size, "max_mb": max_mb}, status=413)
    response["Connection"] = "close"  # the unread body is not worth keeping the connection for
    return response


def _is_chunked(meta) -> bool:
    return "chunked" in meta.get("HTTP_TRANSFER_ENCODING", "").lower() and not meta.get("CONTENT_LENGTH")


def _spool_bounded(stream, limit: int):
    """The body of a chunked request, read until its end or one byte past `limit`."""
    spool = tempfile.SpooledTemporaryFile(max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE)  # noqa: SIM115
    total = 0
    while True:
        chunk = stream.read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            break
        spool.write(chunk)
        total += len(chunk)
        if total > limit:
            spool.close()
            return None, total
    spool.seek(0)
    return spool, total


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = request_limit(request.path)
        if _is_chunked(request.META):
            from django.core.handlers.wsgi import LimitedStream

            body, total = _spool_bounded(request.META["wsgi.input"], limit)
            if body is None:
                return _too_large(request, None, limit)
            # Hand the body on as if it had been sent with its length.
            request.META["CONTENT_LENGTH"] = str(total)
            request._stream = LimitedStream(body, total)
            try:
                return self.get_response(request)
            finally:
                body.close()
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            return _too_large(request, length, limit)
        return self.get_response(request)
