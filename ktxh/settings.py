"""ktxh settings: one file, driven by environment variables, safe defaults.

KTXH_DATABASE_URL  sqlite:///path/to/db.sqlite3 (default: var/ktxh.sqlite3)
                   or postgres://user:password@host:port/name
KTXH_SECRET_KEY    secret key; when absent one is generated once into var/secret_key
KTXH_DEBUG         "1" to turn debug on (off by default)
KTXH_ALLOWED_HOSTS comma-separated host names (default: 127.0.0.1,localhost)
KTXH_DEMO          "1" on demo installations: the login page shows the demo accounts
"""

import os
import secrets
from pathlib import Path
from urllib.parse import unquote, urlparse

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("KTXH_VAR_DIR", BASE_DIR.parent / "var"))


def _secret_key() -> str:
    if key := os.environ.get("KTXH_SECRET_KEY"):
        return key
    # Generated once per installation, never committed.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def _database(url: str) -> dict:
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        # sqlite:/// = the default file; sqlite:///relative/path; sqlite:////absolute/path
        rest = unquote(url.split("://", 1)[1])[1:]
        name = rest or str(VAR_DIR / "ktxh.sqlite3")
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": name,
            # WAL + IMMEDIATE transactions: concurrent writers queue instead of failing.
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
            "TEST": {"NAME": os.environ.get("KTXH_TEST_SQLITE_NAME")},
        }
    if parsed.scheme in ("postgres", "postgresql"):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": parsed.path.lstrip("/"),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": 60,
        }
    raise ValueError(f"KTXH_DATABASE_URL không hợp lệ: {url!r} (cần sqlite:/// hoặc postgres://)")


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("KTXH_DEBUG") == "1"
DEMO = os.environ.get("KTXH_DEMO") == "1"
ALLOWED_HOSTS = os.environ.get("KTXH_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "django_htmx",
    "ktxh.core",
    "ktxh.accounts",
    "ktxh.orgunits",
    "ktxh.catalog",
    "ktxh.values",
    "ktxh.entry",
    "ktxh.evaluation",
    "ktxh.dashboards",
    "ktxh.quality",
    "ktxh.programmes",
    "ktxh.reports",
    "ktxh.imports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "ktxh.accounts.middleware.LoginRequiredMiddleware",
]

ROOT_URLCONF = "ktxh.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ktxh.core.context.site",
                "ktxh.accounts.context.menu",
            ],
            "builtins": ["ktxh.core.templatetags.vn"],
        },
    }
]
WSGI_APPLICATION = "ktxh.wsgi.application"

DATABASES = {"default": _database(os.environ.get("KTXH_DATABASE_URL", "sqlite:///"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Decimal comma and d/m/Y dates everywhere. Thousands are grouped (36.595,83) only
# where a template says a number is a quantity ({{ x|vn }}): grouping every integer
# printed years as "2.026" and broke hidden positions and ids in forms.
FORMAT_MODULE_PATH = ["ktxh.formats"]
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it, even before collectstatic
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Bound on any uploaded file the app accepts (Excel forms, reports).
KTXH_MAX_UPLOAD_BYTES = int(os.environ.get("KTXH_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))
# Decree 09/2019/NĐ-CP: data windows run from the 15th to the 14th.
KTXH_REPORTING_CUTOFF_DAY = int(os.environ.get("KTXH_REPORTING_CUTOFF_DAY", 15))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
