"""REST endpoints under /api/v1/ (docs/api.md). Every read starts from a queryset of
accounts.access; every write calls a service (value_set, entry_save, the workflow)."""

from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import BaseParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from ktxh.accounts import access
from ktxh.api import serializers as s
from ktxh.api.errors import ApiError
from ktxh.catalog.models import Indicator, IndicatorGroup, LegalBasis
from ktxh.engine.periods import Period
from ktxh.entry.rules import check_value
from ktxh.values.models import DataValue
from ktxh.values.selectors import default_period, published_values


class DecimalJSONParser(JSONParser):
    """JSON numbers become Decimals, never floats."""

    def parse(self, stream, media_type=None, parser_context=None):
        import json

        try:
            return json.load(stream, parse_float=Decimal)
        except (ValueError, UnicodeDecodeError) as exc:
            raise ApiError("Nội dung gửi lên không phải JSON hợp lệ.", code="malformed_json",
                           errors=[{"field": None, "message": str(exc)}]) from None


# --- query parameters ----------------------------------------------------------------

P_UNIT = OpenApiParameter("unit", str, description="Mã đơn vị")
P_PERIOD = OpenApiParameter("period", str, description="Kỳ: 2024, 2024-H1, 2024-Q3, 2024-09, 2024-9M, 2021-2025")
P_INDICATOR = OpenApiParameter("indicator", str, description="Mã chỉ tiêu")
P_KIND = OpenApiParameter("kind", str, enum=list(DataValue.KIND_PRIORITY), description="Loại số liệu")
P_IF_MATCH = OpenApiParameter("If-Match", str, OpenApiParameter.HEADER,
                              description="Phiên bản đã đọc (ETag của lần đọc trước)")


def _param(request, name: str, limit: int = 100) -> str:
    return (request.query_params.get(name) or "").strip()[:limit]


def unit_param(request, name: str = "unit", required: bool = False):
    code = _param(request, name)
    if not code:
        if required:
            raise ApiError(f"Thiếu tham số {name} (mã đơn vị).", code="missing_parameter")
        return None
    unit = access.units_visible(request.user).filter(code=code).first()
    if unit is None:
        raise ApiError(f"Không có đơn vị mã {code!r} hoặc bạn không có quyền xem.", code="unknown_unit",
                       status_code=404)
    return unit


def period_param(request, name: str = "period") -> str | None:
    text = _param(request, name, 20)
    return Period.parse(text).code if text else None


def indicator_param(request, name: str = "indicator") -> Indicator | None:
    code = _param(request, name, 30)
    if not code:
        return None
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is None:
        raise ApiError(f"Không có chỉ tiêu mã {code!r}.", code="unknown_indicator", status_code=404)
    return indicator


def date_param(request, name: str) -> date | None:
    text = _param(request, name, 10)
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ApiError(f"Ngày {text!r} không hợp lệ; dùng dạng 2025-07-01.", code="bad_date") from None


def decimal_value(raw) -> Decimal:
    """A machine number: JSON number or a plain decimal string ("36595.83")."""
    try:
        value = raw if isinstance(raw, Decimal) else Decimal(str(raw).strip())
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise ApiError("Giá trị phải là số thập phân, dấu chấm thập phân (ví dụ \"36595.83\").",
                       code="bad_number", status_code=400, errors=[{"field": "value", "message": str(raw)[:60]}])
    return value


def expected_version(request, body_version) -> int | None:
    header = (request.headers.get("If-Match") or "").strip()
    if header:
        text = header.removeprefix("W/").strip('"')
        if not text.isdigit():
            raise ApiError("If-Match phải là số phiên bản đã đọc (ví dụ \"3\").", code="bad_if_match")
        return int(text)
    return body_version


def _with_etag(response: Response, row) -> Response:
    response["ETag"] = f'"{row.version}"'
    return response


# --- reference data ----------------------------------------------------------------------

@extend_schema(tags=["Đơn vị"], parameters=[
    OpenApiParameter("as_of", OpenApiTypes.DATE, description="Chỉ các đơn vị còn hiệu lực ngày này"),
    OpenApiParameter("kind", str, enum=[k for k, _ in s.OrgUnit.Kind.choices]),
    OpenApiParameter("parent", str, description="Mã đơn vị cấp trên"),
])
class OrgUnitViewSet(viewsets.ReadOnlyModelViewSet):
    """Đơn vị hành chính mà người dùng được xem."""

    serializer_class = s.OrgUnitSerializer
    lookup_field = "code"

    def get_queryset(self):
        units = access.units_visible(self.request.user).select_related("parent").order_by("path")
        if as_of := date_param(self.request, "as_of"):
            units = units.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=as_of),
                                 Q(valid_to__isnull=True) | Q(valid_to__gte=as_of))
        if kind := _param(self.request, "kind"):
            units = units.filter(kind=kind)
        if parent := _param(self.request, "parent"):
            units = units.filter(parent__code=parent)
        return units


@extend_schema(tags=["Danh mục chỉ tiêu"])
class IndicatorGroupViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.IndicatorGroupSerializer
    queryset = IndicatorGroup.objects.all()
    lookup_field = "code"


@extend_schema(tags=["Danh mục chỉ tiêu"], parameters=[
    OpenApiParameter("group", str, description="Mã nhóm chỉ tiêu"),
    OpenApiParameter("main", bool, description="Chỉ các chỉ tiêu chủ yếu"),
])
class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.IndicatorSerializer
    lookup_field = "code"
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        indicators = Indicator.objects.select_related("group", "responsible_agency")
        if group := _param(self.request, "group"):
            indicators = indicators.filter(group__code=group)
        if _param(self.request, "main") in ("1", "true"):
            indicators = indicators.filter(is_main=True)
        return indicators


@extend_schema(tags=["Danh mục chỉ tiêu"])
class LegalBasisViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.LegalBasisSerializer
    queryset = LegalBasis.objects.all()


@extend_schema(tags=["Kế hoạch"], parameters=[P_UNIT, P_PERIOD, P_INDICATOR])
class TargetViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.TargetSerializer

    def get_queryset(self):
        targets = access.targets_visible(self.request.user).select_related("indicator", "org_unit", "legal_basis")
        if unit := unit_param(self.request):
            targets = targets.filter(org_unit=unit)
        if period := period_param(self.request):
            targets = targets.filter(period=period)
        if indicator := indicator_param(self.request):
            targets = targets.filter(indicator=indicator)
        return targets.order_by("org_unit__path", "period", "indicator__code")


# --- values -------------------------------------------------------------------------------

@extend_schema(tags=["Số liệu"])
class ValueViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Số liệu thực hiện. Ghi qua value_set: cùng kiểm tra, khóa và lịch sử như trang nhập liệu."""

    serializer_class = s.ValueSerializer
    parser_classes = [DecimalJSONParser]

    def get_queryset(self):
        values = access.values_visible(self.request.user).select_related(
            "indicator", "org_unit", "updated_by", "submission")
        if self.action != "list":
            return values
        if unit := unit_param(self.request):
            values = values.filter(org_unit=unit)
        if period := period_param(self.request):
            values = values.filter(period=period)
        if indicator := indicator_param(self.request):
            values = values.filter(indicator=indicator)
        if kind := _param(self.request, "kind"):
            if kind not in DataValue.KIND_PRIORITY:
                raise ApiError(f"Loại số liệu {kind!r} không hợp lệ (estimate, official, revised).", code="bad_kind")
            values = values.filter(kind=kind)
        if _param(self.request, "published") in ("1", "true"):
            values = values.filter(pk__in=published_values().values("pk"))
        return values.order_by("org_unit__path", "period", "indicator__code", "kind")

    @extend_schema(parameters=[P_UNIT, P_PERIOD, P_INDICATOR, P_KIND,
                               OpenApiParameter("published", bool, description="Chỉ số liệu đã công bố")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        row = self.get_object()
        return _with_etag(Response(self.get_serializer(row).data), row)

    def _write(self, request, *, indicator, unit, period, kind, data, version, status_code):
        if not access.can_write_value(request.user, unit, indicator):
            raise PermissionDenied(f"Bạn không được ghi số liệu chỉ tiêu {indicator.code} cho {unit.name}.")
        from ktxh.entry.services import EntryRejected
        from ktxh.values.services import value_set

        value = decimal_value(data["value"])
        prior = published_values().filter(indicator=indicator, org_unit=unit,
                                           period=Period.parse(period).same_period_last_year().code)
        prior_value = max(prior, key=lambda r: DataValue.KIND_PRIORITY[r.kind]).value if prior else None
        check = check_value(value, measure_kind=indicator.measure_kind, unit=indicator.unit,
                            compare_with=[("cùng kỳ năm trước", prior_value)])
        comment = (data.get("comment") or "").strip()
        if check.errors or (check.warnings and not (data.get("confirmed") and comment)):
            raise EntryRejected(check)
        existing = DataValue.objects.filter(indicator=indicator, org_unit=unit, period=period, kind=kind).first()
        if existing is not None and existing.submission_id:
            raise ApiError("Số liệu này thuộc một báo cáo của đơn vị; sửa qua "
                           f"/api/v1/submissions/{existing.submission_id}/values/{indicator.code}/.",
                           code="in_report", status_code=409)
        row = value_set(actor=request.user, indicator=indicator, org_unit=unit, period=period, kind=kind,
                        value=check.value, raw_text=str(data["value"])[:200], comment=comment,
                        source=(data.get("source") or "").strip() or f"API ({request.user.username})",
                        expected_version=version)
        row.indicator, row.org_unit = indicator, unit  # already loaded: no query to write the answer
        if status_code is None:
            status_code = status.HTTP_201_CREATED if existing is None else status.HTTP_200_OK
        return _with_etag(Response(s.ValueSerializer(row).data, status=status_code), row)

    @extend_schema(request=s.ValueWriteSerializer, responses={200: s.ValueSerializer, 201: s.ValueSerializer},
                   parameters=[P_IF_MATCH])
    def create(self, request):
        """Ghi một số liệu (tạo hoặc sửa theo chỉ tiêu, đơn vị, kỳ, loại). `If-Match` hoặc
        `version` (0 = chưa có) để không ghi đè người khác: lệch phiên bản -> 409 kèm giá trị hiện có."""
        data = s.ValueWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        indicator = Indicator.objects.filter(code=d["indicator"]).first()
        if indicator is None:
            raise ApiError(f"Không có chỉ tiêu mã {d['indicator']!r}.", code="unknown_indicator")
        unit = access.units_visible(request.user).filter(code=d["org_unit"]).first()
        if unit is None:
            raise ApiError(f"Không có đơn vị mã {d['org_unit']!r} hoặc bạn không có quyền xem.", code="unknown_unit")
        period = Period.parse(d["period"]).code
        return self._write(request, indicator=indicator, unit=unit, period=period, kind=d["kind"], data=d,
                           version=expected_version(request, d.get("version")), status_code=None)

    @extend_schema(request=s.EntryWriteSerializer, responses=s.ValueSerializer, parameters=[P_IF_MATCH])
    def update(self, request, pk=None):
        """Sửa một số liệu đã có; bắt buộc `If-Match` (hoặc `version`)."""
        row = self.get_object()
        data = s.EntryWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        version = expected_version(request, data.validated_data.get("version"))
        if version is None:
            raise ApiError("Cần tiêu đề If-Match (phiên bản đã đọc) để sửa số liệu.", code="precondition_required",
                           status_code=428)
        return self._write(request, indicator=row.indicator, unit=row.org_unit, period=row.period, kind=row.kind,
                           data=data.validated_data, version=version, status_code=status.HTTP_200_OK)


# --- the evaluated table -------------------------------------------------------------------

@extend_schema(tags=["Đánh giá"], parameters=[
    OpenApiParameter("unit", str, required=True, description="Mã đơn vị"), P_PERIOD,
    OpenApiParameter("all", bool, description="Cả các chỉ tiêu không phải chỉ tiêu chủ yếu"),
], responses=inline_serializer("EvaluationTable", {
    "unit": serializers.DictField(), "period": serializers.CharField(), "period_label": serializers.CharField(),
    "rows": serializers.ListField(child=serializers.DictField()), "summary": serializers.DictField(),
}))
class EvaluationView(APIView):
    """Bảng đánh giá chỉ tiêu của một đơn vị, một kỳ: đúng các dòng trang Đánh giá hiển thị,
    số dạng chuỗi thập phân chính xác (như `ktxh evaluate --format json`)."""

    def get(self, request):
        from ktxh.evaluation.commands import table_document
        from ktxh.evaluation.table import evaluation_table

        unit = unit_param(request, required=True)
        period = period_param(request) or default_period(unit) or "2023"
        table = evaluation_table(unit=unit, period=period, main_only=_param(request, "all") not in ("1", "true"))
        return Response(table_document(table))


# --- rounds, data sets, submissions -----------------------------------------------------

@extend_schema(tags=["Kỳ báo cáo"])
class RoundViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.RoundSerializer

    def get_queryset(self):
        return access.rounds_visible(self.request.user).select_related("province")


@extend_schema(tags=["Kỳ báo cáo"])
class DataSetViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.DataSetSerializer

    def get_queryset(self):
        return access.data_sets_visible(self.request.user).select_related(
            "reporter_unit", "agency").prefetch_related("indicators")


@extend_schema(tags=["Kỳ báo cáo"], parameters=[
    OpenApiParameter("round", int), OpenApiParameter("state", str, enum=["draft", "submitted", "approved"]), P_UNIT])
class SubmissionViewSet(viewsets.ReadOnlyModelViewSet):
    """Báo cáo của đơn vị trong một kỳ; nộp, trả lại, duyệt, mở lại qua các dịch vụ quy trình."""

    serializer_class = s.SubmissionSerializer
    parser_classes = [DecimalJSONParser]

    def get_queryset(self):
        rows = access.submissions_visible(self.request.user).select_related(
            "round__province", "data_set__reporter_unit", "submitted_by", "approved_by").prefetch_related(
            "transitions__actor").order_by("-round__opens_on", "data_set__reporter_unit__path", "pk")
        if self.action != "list":
            return rows
        if (round_id := _param(self.request, "round")) and round_id.isdigit():
            rows = rows.filter(round_id=int(round_id))
        if state := _param(self.request, "state"):
            rows = rows.filter(state=state)
        if unit := unit_param(self.request):
            rows = rows.filter(data_set__reporter_unit=unit)
        return rows

    def _step(self, request, service, **kwargs):
        submission = self.get_object()
        done = service(actor=request.user, submission=submission, **kwargs)
        done = self.get_queryset().get(pk=done.pk)
        return Response(s.SubmissionSerializer(done).data)

    @extend_schema(request=None, responses=s.SubmissionSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        from ktxh.entry.services import submission_submit

        return self._step(request, submission_submit)

    @extend_schema(request=s.ReasonSerializer, responses=s.SubmissionSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        from ktxh.entry.services import submission_return

        return self._step(request, submission_return, reason=self._reason(request))

    @extend_schema(request=s.ReasonSerializer, responses=s.SubmissionSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        from ktxh.entry.services import submission_approve

        return self._step(request, submission_approve, comment=self._reason(request))

    @extend_schema(request=s.ReasonSerializer, responses=s.SubmissionSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        from ktxh.entry.services import submission_reopen

        return self._step(request, submission_reopen, reason=self._reason(request))

    def _reason(self, request) -> str:
        data = s.ReasonSerializer(data=request.data if isinstance(request.data, dict) else {})
        data.is_valid(raise_exception=True)
        return data.validated_data["reason"]

    @extend_schema(request=s.EntryWriteSerializer, responses=s.ValueSerializer, parameters=[P_IF_MATCH])
    @action(detail=True, methods=["put"], url_path=r"values/(?P<indicator_code>[^/]+)")
    def value(self, request, pk=None, indicator_code=None):
        """Nhập một giá trị vào báo cáo (như ô của bảng nhập liệu): kiểm tra kiểu, khoảng,
        biến động; cảnh báo cần `confirmed` và ghi chú; bắt buộc phiên bản đã đọc."""
        from ktxh.entry.services import entry_save

        submission = self.get_object()
        data = s.EntryWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        indicator = submission.data_set.indicators.filter(code=indicator_code).first()
        if indicator is None:
            raise ApiError(f"Bộ biểu không có chỉ tiêu mã {indicator_code!r}.", code="unknown_indicator",
                           status_code=404)
        version = expected_version(request, d.get("version"))
        if version is None:
            raise ApiError("Cần tiêu đề If-Match hoặc trường version (0 = chưa có giá trị).",
                           code="precondition_required", status_code=428)
        outcome = entry_save(actor=request.user, round_=submission.round, data_set=submission.data_set,
                             indicator=indicator, raw=decimal_value(d["value"]), kind=d["kind"],
                             comment=d["comment"], expected_version=version, confirmed=d["confirmed"],
                             source=f"API ({request.user.username})")
        body = s.ValueSerializer(outcome.row).data
        body["warnings"] = outcome.check.warnings
        return _with_etag(Response(body), outcome.row)


# --- programmes: capital, tasks, NTM (docs/programmes.md) ---------------------------------

@extend_schema(tags=["Chương trình"], parameters=[P_UNIT, OpenApiParameter("period", str, description="2023 hoặc 2021-2025")])
class CapitalLineViewSet(viewsets.ReadOnlyModelViewSet):
    """Dòng kế hoạch vốn (MTQG, đầu tư công) và các lần giải ngân."""

    serializer_class = s.CapitalLineSerializer

    def get_queryset(self):
        from django.db.models import DecimalField, Sum, Value
        from django.db.models.functions import Coalesce

        lines = access.capital_lines_visible(self.request.user).select_related(
            "org_unit", "parent", "programme", "project").prefetch_related("disbursements").annotate(
            disbursed=Coalesce(Sum("disbursements__amount"), Value(0), output_field=DecimalField()))
        if unit := unit_param(self.request):
            lines = lines.filter(org_unit=unit)
        if period := _param(self.request, "period", 20):
            lines = lines.filter(period=Period.parse(period).code)
        return lines.order_by("org_unit__path", "period", "code")


@extend_schema(tags=["Chương trình"], parameters=[P_UNIT])
class TaskViewSet(viewsets.ReadOnlyModelViewSet):
    """Nhiệm vụ của các kế hoạch, với cơ quan chủ trì, phối hợp."""

    serializer_class = s.TaskSerializer

    def get_queryset(self):
        tasks = access.tasks_visible(self.request.user).select_related("plan__org_unit").prefetch_related(
            "agencies__agency")
        if unit := unit_param(self.request):
            tasks = tasks.filter(plan__org_unit=unit)
        return tasks.order_by("plan__code", "section", "pk")


@extend_schema(tags=["Chương trình"], parameters=[
    OpenApiParameter("unit", str, description="Mã xã, hoặc mã huyện: mọi xã của huyện"),
    OpenApiParameter("year", int)])
class NtmCellViewSet(viewsets.ReadOnlyModelViewSet):
    """Ma trận tiêu chí nông thôn mới: kết quả từng tiêu chí của từng xã, từng năm."""

    serializer_class = s.NtmCellSerializer

    def get_queryset(self):
        cells = access.ntm_cells_visible(self.request.user).select_related("commune", "criterion__criteria_set")
        if unit := unit_param(self.request):
            cells = cells.filter(commune__path__startswith=unit.path)
        if (year := _param(self.request, "year")) and year.isdigit():
            cells = cells.filter(year=int(year))
        return cells.order_by("year", "commune__path", "criterion__number")


# --- bulk: a long-format CSV/XLSX file (docs/data-files.md), through ktxh load's own code -----

class _FileBodyParser(BaseParser):
    """A CSV or XLSX file sent as the whole body; the view reads and bounds it itself."""

    media_type = "*/*"

    def parse(self, stream, media_type=None, parser_context=None):
        return None


_XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _bulk_may_write(user):
    def may_write(kind, unit, indicator):
        if kind == "target":
            if not access.can_set_target(user, unit):
                return f"Bạn không được đặt chỉ tiêu kế hoạch cho {unit.name}."
        elif not access.can_write_value(user, unit, indicator):
            return f"Bạn không được ghi số liệu chỉ tiêu {indicator.code} cho {unit.name}."
        return None
    return may_write


class ValuesBulkView(APIView):
    """Nạp một tệp CSV/XLSX dạng dài (chỉ tiêu kế hoạch và số liệu, docs/data-files.md) như
    `ktxh load`: kiểm tra cả tệp, liệt kê mọi lỗi (dòng, cột, lý do); có một lỗi thì không ghi gì.
    Gửi tệp ở trường `file` (multipart) hoặc cả thân yêu cầu (`Content-Type: text/csv` hoặc xlsx)."""

    parser_classes = [MultiPartParser, _FileBodyParser]

    @extend_schema(
        tags=["Số liệu"], operation_id="values_bulk",
        request={"multipart/form-data": inline_serializer("BulkUpload", {"file": serializers.FileField()}),
                 "text/csv": OpenApiTypes.BINARY, _XLSX_TYPE: OpenApiTypes.BINARY},
        parameters=[OpenApiParameter("dry_run", bool, description="Chỉ kiểm tra, không ghi gì")],
        responses={200: inline_serializer("BulkResult", {
            "code": serializers.CharField(), "message": serializers.CharField(),
            "counts": serializers.DictField(child=serializers.IntegerField())})},
    )
    def post(self, request):
        import tempfile

        from django.conf import settings

        from ktxh.imports.loader import LoadError, facts_file_load

        limit = settings.KTXH_MAX_UPLOAD_BYTES
        upload = request.FILES.get("file") if request.content_type.startswith("multipart/") else None
        if upload is not None:
            name, size = upload.name, upload.size
            chunks = upload.chunks()
        else:
            ctype = request.content_type.split(";")[0].strip().lower()
            if ctype not in ("text/csv", "application/csv", _XLSX_TYPE):
                raise ApiError("Gửi tệp ở trường 'file' (multipart/form-data) hoặc cả thân yêu cầu với "
                               f"Content-Type text/csv hoặc {_XLSX_TYPE}.", code="unsupported_media_type",
                               status_code=415)
            name = "api.xlsx" if ctype == _XLSX_TYPE else "api.csv"
            size = int(request.META.get("CONTENT_LENGTH") or 0)
            chunks = None
        suffix = Path(name).suffix.lower()
        if suffix not in (".csv", ".xlsx"):
            raise ApiError(f"Tệp {name!r} không phải .csv hoặc .xlsx.", code="unsupported_media_type",
                           status_code=415)
        if size > limit:
            raise ApiError(f"Tệp lớn hơn giới hạn {limit // 1048576} MB; không có gì được ghi.",
                           code="payload_too_large", status_code=413)
        with tempfile.TemporaryDirectory(prefix="ktxh-bulk-") as folder:
            path = Path(folder) / f"tep{suffix}"
            with path.open("wb") as out:  # a private temporary folder (0700)
                if chunks is not None:
                    for chunk in chunks:
                        out.write(chunk)
                else:
                    out.write(request._request.read(limit + 1))
            if path.stat().st_size > limit:
                raise ApiError(f"Tệp lớn hơn giới hạn {limit // 1048576} MB; không có gì được ghi.",
                               code="payload_too_large", status_code=413)
            dry_run = _param(request, "dry_run") in ("1", "true")
            try:
                result = facts_file_load(path, source=Path(name).name[:200], actor=request.user,
                                         may_write=_bulk_may_write(request.user), dry_run=dry_run)
            except LoadError as error:
                raise ApiError(str(error), code="file_rejected", errors=[
                    {"row": p.row, "field": p.column, "message": p.reason} for p in error.problems]) from None
        counts = {"targets": result.counts["chỉ tiêu kế hoạch"], "values": result.counts["số liệu"]}
        message = (f"Tệp hợp lệ: {counts['targets']} chỉ tiêu kế hoạch, {counts['values']} số liệu (chưa ghi)."
                   if dry_run else f"Đã nạp {counts['targets']} chỉ tiêu kế hoạch, {counts['values']} số liệu.")
        return Response({"code": "checked" if dry_run else "loaded", "message": message, "counts": counts})
