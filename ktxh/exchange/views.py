"""The downloads of the evaluation page: one unit and period as SDMX or DHIS2 files."""

from django.http import Http404, HttpRequest, HttpResponse

from ktxh.accounts import access
from ktxh.engine.periods import Period, PeriodError
from ktxh.exchange.exports import FORMATS, export_file
from ktxh.values.selectors import published_values


def download(request: HttpRequest) -> HttpResponse:
    fmt = request.GET.get("format", "")
    if fmt not in FORMATS:
        raise Http404("Định dạng tải về không có.")
    unit = access.units_visible(request.user).filter(code=request.GET.get("unit", "")[:20]).first()
    if unit is None:
        raise Http404("Không có đơn vị này hoặc bạn không có quyền xem.")
    try:
        period = Period.parse(request.GET.get("period", "")[:20]).code
    except PeriodError as error:
        raise Http404(str(error)) from None
    # what the evaluation page shows: published values the user may read
    values = access.values_visible(request.user).filter(pk__in=published_values().values("pk"))
    file = export_file(values=values, units=access.units_visible(request.user), unit=unit, period=period, fmt=fmt)
    response = HttpResponse(file.content, content_type=file.content_type)
    response["Content-Disposition"] = f'attachment; filename="{file.filename}"'
    return response
