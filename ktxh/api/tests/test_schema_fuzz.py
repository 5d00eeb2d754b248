"""Schemathesis generates requests from the OpenAPI schema of /api/v1/ (a few
examples per operation, the same ones every run) and checks that none of them gets
a server error."""

import pytest
import schemathesis
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from ktxh.api.tests.helpers import token_for
from ktxh.wsgi import application

# The schema is what /api/v1/schema/ serves; generating it needs no database.
schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
schema.app = application


@pytest.fixture
def planner_key(planner):
    return token_for(planner)


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Requests go straight to the WSGI app: keep Django from closing the test's
    database connection at the end of each (as its own test client does)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=3, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_no_request_the_schema_allows_gets_a_server_error(case, planner_key):
    case.call_and_validate(headers={"Authorization": f"Token {planner_key}"}, checks=[not_a_server_error])
