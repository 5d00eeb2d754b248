"""Mounted at /dhis2/: a stock DHIS2 client's base URL is http://host/dhis2."""

from django.urls import re_path

from ktxh.exchange import dhis2_views as v

# DHIS2 serves both /api/x and /api/40/x, with optional .json / .csv suffixes.
_API = r"^api/(?:\d+/)?"
_SUFFIX = r"(?:\.(?P<suffix>json|csv))?/?$"

urlpatterns = [
    re_path(_API + r"system/info" + _SUFFIX, v.SystemInfo.as_view(), name="dhis2-system-info"),
    re_path(_API + r"me" + _SUFFIX, v.Me.as_view(), name="dhis2-me"),
    re_path(_API + r"dataElements" + _SUFFIX, v.DataElements.as_view(), name="dhis2-data-elements"),
    re_path(_API + r"organisationUnits" + _SUFFIX, v.OrganisationUnits.as_view(), name="dhis2-org-units"),
    re_path(_API + r"categoryOptionCombos" + _SUFFIX, v.CategoryOptionCombos.as_view(), name="dhis2-cocs"),
    re_path(_API + r"dataValueSets" + _SUFFIX, v.DataValueSets.as_view(), name="dhis2-data-value-sets"),
    re_path(_API + r"dataValues" + _SUFFIX, v.DataValues.as_view(), name="dhis2-data-values"),
]
