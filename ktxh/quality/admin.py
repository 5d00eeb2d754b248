from django import forms
from django.contrib import admin

from ktxh.engine.rules import RuleError, RuleSpec
from ktxh.quality.models import Rule, Violation


class RuleForm(forms.ModelForm):
    class Meta:
        model = Rule
        fields = ["code", "name", "kind", "left", "op", "right", "tolerance", "factor", "applies_to", "unit_kinds",
                  "is_active", "description", "source"]

    def clean(self):
        data = super().clean()
        if data.get("kind") == Rule.Kind.COMPARE:
            try:  # the same parser the checks use: a rule that cannot be read is never saved
                RuleSpec(data.get("code") or "", data.get("name") or "", data.get("left") or "", data.get("op") or "",
                         data.get("right") or "", data.get("tolerance") or 0, data.get("factor") or 1000).parsed()
            except RuleError as exc:
                raise forms.ValidationError(str(exc)) from exc
        return data


@admin.register(Rule)
class RuleAdmin(admin.ModelAdmin):
    form = RuleForm
    list_display = ("code", "name", "kind", "left", "op", "right", "applies_to", "unit_kinds", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name")


@admin.register(Violation)
class ViolationAdmin(admin.ModelAdmin):
    list_display = ("rule", "org_unit", "period", "subject", "is_open", "checked")
    list_filter = ("is_open", "checked", "rule")
    readonly_fields = [f.name for f in Violation._meta.fields]

    def has_add_permission(self, request):
        return False
