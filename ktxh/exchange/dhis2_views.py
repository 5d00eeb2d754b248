"""A DHIS2-compatible Web API at /dhis2/api/: what a stock DHIS2 client calls
(system/info, me, metadata lists) and dataValueSets / dataValues (docs/api.md)."""

import json

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication
from rest_framework.parsers import BaseParser
from rest_framework.response import Response
from rest_framework.views import APIView

from ktxh.accounts import access
from ktxh.api.authentication import BasicAuthentication, TokenAuthentication
from ktxh.api.errors import DRF_MESSAGES
from ktxh.catalog.models import Indicator
from ktxh.engine.periods import PeriodError
from ktxh.exchange import dhis2
from ktxh.exchange.codes import Codes, Kind
from ktxh.exchange.selectors import datavalues_dhis2, values_for_export
from ktxh.exchange.services import datavalueset_import
from ktxh.values.models import DataValue

DHIS2_VERSION = "2.40.0"


class _RawParser(BaseParser):
    """Lets DRF accept any body: the views read and bound it themselves."""

    media_type = "*/*"

    def parse(self, stream, media_type=None, parser_context=None):
        return None


def _message(status: int, message: str, **extra) -> dict:
    names = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
             409: "Conflict", 413: "Payload Too Large"}
    return {"httpStatus": names.get(status, "Error"), "httpStatusCode": status, "status": "ERROR",
            "message": message, **extra}


def _dhis2_exception_handler(exc, context):
    if isinstance(exc, exceptions.APIException):
        status = 401 if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed) else \
            exc.status_code
        code, message = next(((c, m) for cls, (c, m) in DRF_MESSAGES.items() if isinstance(exc, cls)),
                             ("error", None))
        if isinstance(exc, exceptions.NotAuthenticated):
            message = "Cần xác thực: HTTP Basic (tài khoản ktxh) hoặc Authorization: ApiToken <khóa>."
        response = Response(_message(status, message or str(exc.detail), code=code), status=status)
        if status == 401:
            response["WWW-Authenticate"] = 'Basic realm="ktxh"'
        return response
    return None


class Dhis2View(APIView):
    authentication_classes = [BasicAuthentication, TokenAuthentication, SessionAuthentication]
    parser_classes = [_RawParser]
    schema = None  # not part of the /api/v1/ OpenAPI schema: DHIS2's own contract

    def get_exception_handler(self):
        return _dhis2_exception_handler


def _pager(request, items: list[dict], key: str) -> dict:
    try:
        page = max(1, int(request.query_params.get("page", 1)))
        size = min(1000, max(1, int(request.query_params.get("pageSize", 50))))
    except ValueError:
        page, size = 1, 50
    if request.query_params.get("paging", "true").lower() == "false":
        return {key: items}
    total = len(items)
    return {"pager": {"page": page, "pageCount": max(1, -(-total // size)), "total": total, "pageSize": size},
            key: items[(page - 1) * size: page * size]}


class SystemInfo(Dhis2View):
    def get(self, request, **_):
        return Response({
            "version": DHIS2_VERSION, "revision": "ktxh", "buildTime": "", "systemName": "ktxh",
            "serverDate": timezone.now().isoformat(timespec="seconds"), "calendar": "iso8601",
            "dateFormat": "yyyy-mm-dd", "contextPath": request.build_absolute_uri("/dhis2").rstrip("/"),
            "serverTimeZoneId": settings.TIME_ZONE,
        })


class Me(Dhis2View):
    def get(self, request, **_):
        user = request.user
        return Response({"id": str(user.pk), "username": user.username,
                         "name": user.get_full_name() or user.username,
                         "displayName": user.get_full_name() or user.username})


class DataElements(Dhis2View):
    def get(self, request, **_):
        codes = Codes()
        items = [{"id": codes.ident(Kind.DATA_ELEMENT, i.code, "UID"), "code": i.code, "name": i.name,
                  "displayName": i.name, "shortName": i.name[:50], "valueType": "NUMBER",
                  "aggregationType": "SUM" if i.aggregation == "sum" else "AVERAGE", "domainType": "AGGREGATE"}
                 for i in Indicator.objects.order_by("code")]
        return Response(_pager(request, items, "dataElements"))


class OrganisationUnits(Dhis2View):
    def get(self, request, **_):
        codes = Codes()
        items = [{"id": codes.ident(Kind.ORG_UNIT, u.code, "UID"), "code": u.code, "name": u.name,
                  "displayName": u.name, "level": u.level,
                  "parent": {"id": codes.ident(Kind.ORG_UNIT, u.parent.code, "UID")} if u.parent_id else None}
                 for u in access.units_visible(request.user).select_related("parent").order_by("path")]
        return Response(_pager(request, items, "organisationUnits"))


class CategoryOptionCombos(Dhis2View):
    def get(self, request, **_):
        codes = Codes()
        items = [{"id": codes.ident(Kind.CATEGORY_OPTION_COMBO, k, "UID"), "code": k, "name": str(label),
                  "displayName": str(label)} for k, label in DataValue.Kind.choices]
        return Response(_pager(request, items, "categoryOptionCombos"))


def _wants_csv(request, suffix: str | None) -> bool:
    if suffix:
        return suffix == "csv"
    if request.query_params.get("format", "").lower() == "csv":
        return True
    accept = request.headers.get("Accept", "")
    return "csv" in accept and "json" not in accept


def _import_response(summary: dhis2.Summary) -> Response:
    body = summary.as_dhis2()
    return Response(body, status=body["httpStatusCode"])


def _refused(error: dhis2.PayloadError, options=None, status: int = 409) -> Response:
    summary = dhis2.Summary(options or dhis2.Options(), refused=str(error))
    for i, problem in enumerate(error.problems):
        summary.conflict(i, "payload", problem, "E7600")
    body = summary.as_dhis2()
    body["httpStatus"], body["httpStatusCode"] = ("Payload Too Large", 413) if status == 413 else \
        (body["httpStatus"], status)
    return Response(body, status=status)


def read_body(request) -> bytes:
    """The request body, bounded before it is read (KTXH_API_MAX_BYTES)."""
    limit = settings.KTXH_API_MAX_BYTES
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > limit:
        raise dhis2.PayloadError(f"Nội dung quá lớn ({length} byte; tối đa {limit} byte).")
    body = request._request.read(limit + 1)
    if len(body) > limit:
        raise dhis2.PayloadError(f"Nội dung quá lớn (tối đa {limit} byte).")
    return body


class DataValueSets(Dhis2View):
    def post(self, request, suffix=None, **_):
        try:
            options = dhis2.options_from(request.query_params)
        except dhis2.PayloadError as error:
            return _refused(error)
        try:
            body = read_body(request)
        except dhis2.PayloadError as error:
            return _refused(error, options, status=413)
        content_type = "text/csv" if suffix == "csv" else request.content_type
        try:
            rows = dhis2.read_payload(body, content_type, max_values=settings.KTXH_API_MAX_VALUES)
        except dhis2.PayloadError as error:
            return _refused(error, options)
        summary = datavalueset_import(actor=request.user, rows=rows, options=options,
                                      source=f"DHIS2 dataValueSets ({request.user.username})")
        return _import_response(summary)

    def get(self, request, suffix=None, **_):
        params = request.query_params
        scheme = (params.get("idScheme") or "AUTO").upper()
        schemes = {name: (params.get(name) or scheme).upper() for name in
                   ("dataElementIdScheme", "orgUnitIdScheme", "categoryOptionComboIdScheme")}
        codes = Codes()
        problems = []
        visible = access.units_visible(request.user)
        units = []
        for ident in params.getlist("orgUnit"):
            unit = visible.filter(code=codes.code(Kind.ORG_UNIT, ident, schemes["orgUnitIdScheme"]) or "").first()
            if unit is None:
                problems.append(f"Không có đơn vị (orgUnit) {ident!r} hoặc bạn không có quyền xem.")
            else:
                units.append(unit)
        if not params.getlist("orgUnit"):
            problems.append("Cần ít nhất một tham số orgUnit.")
        if params.get("children", "").lower() == "true":
            from django.db.models import Q

            condition = Q(pk__in=[])
            for unit in units:
                condition |= Q(path__startswith=unit.path)
            units = list(visible.filter(condition))
        periods = []
        for code in params.getlist("period"):
            period, error = dhis2.dhis2_period(code)
            if error:
                problems.append(error)
            else:
                periods.append(period.code)
        indicators = []
        for ident in params.getlist("dataElement"):
            indicator = Indicator.objects.filter(
                code=codes.code(Kind.DATA_ELEMENT, ident, schemes["dataElementIdScheme"]) or "").first()
            if indicator is None:
                problems.append(f"Không có chỉ tiêu (dataElement) {ident!r}.")
            else:
                indicators.append(indicator)
        if problems:
            return Response(_message(409, " ".join(problems)), status=409)
        values = values_for_export(request.user, units=units, periods=periods or None, indicators=indicators or None)
        rows = datavalues_dhis2(values, data_element_scheme=schemes["dataElementIdScheme"],
                                org_unit_scheme=schemes["orgUnitIdScheme"],
                                coc_scheme=schemes["categoryOptionComboIdScheme"])
        if _wants_csv(request, suffix):
            return HttpResponse(dhis2.csv_text(rows), content_type="application/csv; charset=utf-8")
        return Response({"dataValues": rows})


class DataValues(Dhis2View):
    """One value: GET/POST/DELETE /api/dataValues?de=&pe=&ou=&co=&value= (DHIS2's short names)."""

    def _row(self, request) -> dict:
        p = request.query_params
        body = {}
        if request.method == "POST" and request.content_type.startswith("application/json"):
            try:
                body = json.loads(read_body(request) or b"{}")
            except (ValueError, dhis2.PayloadError):
                raise exceptions.ParseError("Nội dung không phải JSON hợp lệ.") from None
        return {"dataelement": body.get("dataElement") or p.get("de"), "period": body.get("period") or p.get("pe"),
                "orgunit": body.get("orgUnit") or p.get("ou"),
                "categoryoptioncombo": body.get("categoryOptionCombo") or p.get("co"),
                "value": body.get("value") if "value" in body else p.get("value"),
                "comment": body.get("comment") or p.get("comment") or ""}

    def _import(self, request, strategy: str) -> Response:
        try:
            options = dhis2.options_from({**request.query_params.dict(), "importStrategy": strategy})
        except dhis2.PayloadError as error:
            return _refused(error)
        summary = datavalueset_import(actor=request.user, rows=[self._row(request)], options=options,
                                      source=f"DHIS2 dataValues ({request.user.username})")
        if summary.conflicts:
            return Response(_message(409, summary.conflicts[0]["value"]), status=409)
        return Response(status=201 if strategy != "DELETE" else 204)

    def post(self, request, **_):
        return self._import(request, "CREATE_AND_UPDATE")

    def delete(self, request, **_):
        return self._import(request, "DELETE")

    def get(self, request, **_):
        row = self._row(request)
        codes = Codes()
        unit = access.units_visible(request.user).filter(code=codes.code(Kind.ORG_UNIT, row["orgunit"], "AUTO") or
                                                         "").first()
        try:
            period, error = dhis2.dhis2_period(row["period"])
        except PeriodError as exc:
            period, error = None, str(exc)
        kind = codes.code(Kind.CATEGORY_OPTION_COMBO, row["categoryoptioncombo"], "AUTO") or dhis2.DEFAULT_KIND
        values = access.values_visible(request.user).filter(
            indicator__code=codes.code(Kind.DATA_ELEMENT, row["dataelement"], "AUTO") or "", org_unit=unit,
            period=period.code if period else "", kind=kind if kind in dhis2.KINDS else dhis2.DEFAULT_KIND)
        found = datavalues_dhis2(values.select_related("indicator", "org_unit", "updated_by"))
        if error or unit is None or not found:
            return Response(_message(404, error or "Không có giá trị này."), status=404)
        return Response(found[0])
