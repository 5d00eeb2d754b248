"""The admin shows the reviews and the poverty log read-only. Households are personal data:
they are not in the admin at all (their pages go through accounts.access and log every view)."""

from django.contrib import admin

from ktxh.core.admin import ReadOnlyMixin
from ktxh.poverty.models import PovertyEvent, Review


@admin.register(Review)
class ReviewAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("commune", "year", "standard", "state", "approved_at")
    list_filter = ("state", "year")


@admin.register(PovertyEvent)
class PovertyEventAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("at", "actor", "commune", "action", "detail")
    list_filter = ("action",)
