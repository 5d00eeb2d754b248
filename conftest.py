"""Shared fixtures: the demo district is loaded once per test database, and the
personas of every test are its demo users."""

import pytest
from hypothesis import settings as hypothesis_settings

# Speed is measured in `make bench`, not asserted in tests: Hypothesis' 200 ms per-example
# deadline failed on a loaded machine, so properties check results only.
hypothesis_settings.register_profile("ktxh", deadline=None)
hypothesis_settings.load_profile("ktxh")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from ktxh.demo.load import demo_load

    with django_db_blocker.unblock():
        demo_load()


@pytest.fixture(autouse=True)
def tasks_run_inline(settings):
    """Background tasks run where they are queued (django-tasks' immediate backend): a
    worker process would not see the test's uncommitted transaction. The real worker is
    driven in ktxh/reports/tests/test_job_worker.py and the browser tests."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def evaluation_cache_empty():
    """Each test starts with this process's evaluated tables forgotten: a test's writes
    are rolled back, and some set up data with queryset updates (no revision bump)."""
    from ktxh.evaluation.cache import evaluation_cache_clear

    evaluation_cache_clear()


def _user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


@pytest.fixture
def planner(db):
    """Planning office officer of Phong Thổ (district level)."""
    return _user("planner")


@pytest.fixture
def department_officer(db):
    """Officer of the agriculture department of Phong Thổ."""
    return _user("department")


@pytest.fixture
def commune_clerk(db):
    """Clerk of one commune of Phong Thổ."""
    return _user("commune")


@pytest.fixture
def leader(db):
    return _user("leader")


@pytest.fixture
def viewer(db):
    return _user("viewer")


@pytest.fixture
def admin_user(db):
    return _user("admin")


@pytest.fixture
def phong_tho(db):
    from ktxh.orgunits.models import OrgUnit

    return OrgUnit.objects.get(code="109")


@pytest.fixture
def client_as(client):
    """client_as(user) -> a test client logged in as that user."""

    def login(user):
        client.force_login(user)
        return client

    return login
