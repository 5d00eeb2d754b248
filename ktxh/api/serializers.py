"""How the API writes ktxh's rows as JSON: codes instead of ids where people use
codes, exact decimal strings for numbers (never floats)."""

from rest_framework import serializers

from ktxh.catalog.models import Indicator, IndicatorGroup, LegalBasis, Target
from ktxh.engine.numbers import json_number
from ktxh.entry.models import DataSet, ReportingRound, Submission, Transition
from ktxh.orgunits.models import OrgUnit
from ktxh.programmes.capital.models import CapitalLine
from ktxh.programmes.ntm.models import CommuneCriterion
from ktxh.programmes.tasks.models import Task
from ktxh.values.models import DataValue


class DecimalString(serializers.Field):
    """A Decimal as a plain decimal string ("36595.83"), as `ktxh evaluate --format json` writes it."""

    def to_representation(self, value):
        return json_number(value)


class OrgUnitSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = OrgUnit
        fields = ["id", "code", "name", "kind", "level", "parent", "valid_from", "valid_to"]


class IndicatorGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorGroup
        fields = ["id", "code", "name", "order"]


class IndicatorSerializer(serializers.ModelSerializer):
    group = serializers.SlugRelatedField(slug_field="code", read_only=True)
    responsible_agency = serializers.SlugRelatedField(slug_field="code", read_only=True)
    tolerance = DecimalString()

    class Meta:
        model = Indicator
        fields = ["id", "code", "name", "group", "unit", "measure_kind", "direction", "aggregation", "excess_mode",
                  "tolerance", "decimals", "responsible_agency", "is_main", "order", "synonyms", "source"]


class LegalBasisSerializer(serializers.ModelSerializer):
    class Meta:
        model = LegalBasis
        fields = ["id", "number", "kind", "date", "issuer", "title", "source"]


class TargetSerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", read_only=True)
    org_unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    legal_basis = serializers.SlugRelatedField(slug_field="number", read_only=True)
    value = DecimalString()
    value_high = DecimalString()

    class Meta:
        model = Target
        fields = ["id", "indicator", "org_unit", "period", "comparator", "value", "value_high", "legal_basis",
                  "is_derived", "source", "comment"]


class ValueSerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", read_only=True)
    org_unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    value = DecimalString()
    updated_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    submission_state = serializers.SerializerMethodField()

    class Meta:
        model = DataValue
        fields = ["id", "indicator", "org_unit", "period", "kind", "value", "raw_text", "comment", "source",
                  "source_quote", "version", "submission", "submission_state", "updated_by", "updated_at"]

    def get_submission_state(self, row) -> str | None:
        return row.submission.state if row.submission_id else None


class ValueWriteSerializer(serializers.Serializer):
    """One value written outside a report (POST /api/v1/values/)."""

    indicator = serializers.CharField(max_length=30, help_text="Mã chỉ tiêu")
    org_unit = serializers.CharField(max_length=20, help_text="Mã đơn vị")
    period = serializers.CharField(max_length=20, help_text="Kỳ: 2024, 2024-H1, 2024-Q3, 2024-09, 2024-9M")
    kind = serializers.ChoiceField(choices=DataValue.Kind.choices, default="official")
    value = serializers.CharField(max_length=40, help_text="Số thập phân dạng chuỗi, dấu chấm thập phân: \"36595.83\"")
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    source = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    confirmed = serializers.BooleanField(required=False, default=False,
                                         help_text="Xác nhận giá trị bất thường (cần kèm ghi chú)")
    version = serializers.IntegerField(required=False, min_value=0,
                                       help_text="Phiên bản đã đọc (0 = chưa có giá trị); thay cho If-Match")


class EntryWriteSerializer(serializers.Serializer):
    """One value of a report (PUT /api/v1/submissions/{id}/values/{indicator}/)."""

    value = serializers.CharField(max_length=40)
    kind = serializers.ChoiceField(choices=[("estimate", "Ước"), ("official", "Chính thức")], default="estimate")
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    confirmed = serializers.BooleanField(required=False, default=False)
    version = serializers.IntegerField(required=False, min_value=0)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class RoundSerializer(serializers.ModelSerializer):
    province = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = ReportingRound
        fields = ["id", "province", "period", "name", "opens_on", "due_on", "closes_on"]


class DataSetSerializer(serializers.ModelSerializer):
    reporter_unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    agency = serializers.SlugRelatedField(slug_field="code", read_only=True)
    indicators = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = DataSet
        fields = ["id", "name", "reporter_unit", "agency", "period_kind", "indicators"]


class TransitionSerializer(serializers.ModelSerializer):
    actor = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Transition
        fields = ["action", "from_state", "to_state", "actor", "at", "reason"]


class SubmissionSerializer(serializers.ModelSerializer):
    round = RoundSerializer(read_only=True)
    data_set = serializers.PrimaryKeyRelatedField(read_only=True)
    reporter_unit = serializers.CharField(source="data_set.reporter_unit.code", read_only=True)
    submitted_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    approved_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    transitions = TransitionSerializer(many=True, read_only=True)

    class Meta:
        model = Submission
        fields = ["id", "round", "data_set", "reporter_unit", "state", "submitted_at", "submitted_by",
                  "approved_at", "approved_by", "return_reason", "transitions"]


class CapitalLineSerializer(serializers.ModelSerializer):
    org_unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)
    programme = serializers.SlugRelatedField(slug_field="code", read_only=True)
    project = serializers.SlugRelatedField(slug_field="code", read_only=True)
    amount = DecimalString()
    allocated = DecimalString()
    disbursed = DecimalString(help_text="Đã giải ngân (cộng các lần giải ngân đã nhập)")
    disbursements = serializers.SerializerMethodField()

    class Meta:
        model = CapitalLine
        fields = ["id", "org_unit", "code", "label", "parent", "programme", "project", "period", "fund_source",
                  "capital_type", "carried_from", "deadline", "amount", "allocated", "approximate", "disbursed",
                  "disbursements", "source"]

    def get_disbursements(self, line) -> list[dict]:
        return [{"date": d.date.isoformat(), "amount": json_number(d.amount), "note": d.note}
                for d in line.disbursements.all()]


class TaskSerializer(serializers.ModelSerializer):
    plan = serializers.CharField(source="plan.code", read_only=True)
    org_unit = serializers.CharField(source="plan.org_unit.code", read_only=True)
    agencies = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = ["id", "plan", "org_unit", "section", "title", "text", "due_date", "recurrence", "due_day",
                  "due_month", "due_text", "channel", "agencies", "source"]

    def get_agencies(self, task) -> list[dict]:
        return [{"agency": a.agency.code, "role": a.role} for a in task.agencies.all()]


class NtmCellSerializer(serializers.ModelSerializer):
    commune = serializers.SlugRelatedField(slug_field="code", read_only=True)
    criteria_set = serializers.CharField(source="criterion.criteria_set.code", read_only=True)
    criterion = serializers.IntegerField(source="criterion.number", read_only=True)
    criterion_name = serializers.CharField(source="criterion.name", read_only=True)

    class Meta:
        model = CommuneCriterion
        fields = ["id", "commune", "year", "criteria_set", "criterion", "criterion_name", "state", "evidence",
                  "note", "source", "updated_at"]
