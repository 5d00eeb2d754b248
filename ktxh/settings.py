"""ktxh settings: one file, driven by environment variables, safe defaults.

KTXH_DATABASE_URL  sqlite:///path/to/db.sqlite3 (default: var/ktxh.sqlite3)
                   or postgres://user:password@host:port/name
KTXH_SECRET_KEY    secret key; when absent one is generated once into var/secret_key
KTXH_DEBUG         "1" to turn debug on (off by default)
KTXH_ALLOWED_HOSTS comma-separated host names (default: 127.0.0.1,localhost)
KTXH_DEMO          "1" on demo installations: the login page shows the demo accounts
KTXH_JOB_HEARTBEAT_SECONDS / KTXH_JOB_STALE_SECONDS   background jobs (see the serving block)
KTXH_BEHIND_TLS_PROXY     "1" when a TLS proxy (nginx, Caddy) forwards to the app: trust its
                          X-Forwarded-Proto, secure cookies, HSTS (see docs/deployment.md)
KTXH_CSRF_TRUSTED_ORIGINS comma-separated origins forms are posted from (https://ktxh.example.vn)
"""

import datetime
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
        VAR_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)  # the database and the key live here
        path.touch(mode=0o600)
        path.chmod(0o600)
        path.write_text(secrets.token_urlsafe(50))
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
                "timeout": 30,  # seconds a writer waits for the lock (ktxh/core/writes.py retries past it)
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
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "django_htmx",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
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
    "ktxh.api",
    "ktxh.exchange",
    "ktxh.poverty",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ktxh.core.uploads.RequestSizeLimitMiddleware",  # before anything reads the body
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
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
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
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # 10 characters on a real installation; the demo keeps its published 9-character password.
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 8 if DEMO else 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
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
VAR_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)  # private: database, key, generated files
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it, even before collectstatic
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Files over 2,5 MB are spooled to a private temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
# Bound on any uploaded file the app accepts (Excel forms, reports).
KTXH_MAX_UPLOAD_BYTES = int(os.environ.get("KTXH_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))
# Decree 09/2019/NĐ-CP: data windows run from the 15th to the 14th.
KTXH_REPORTING_CUTOFF_DAY = int(os.environ.get("KTXH_REPORTING_CUTOFF_DAY", 15))

# The REST API (docs/api.md): tokens or the browser session (with its CSRF check).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "ktxh.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "ktxh.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "ktxh.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "COERCE_DECIMAL_TO_STRING": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ktxh API",
    "DESCRIPTION": "Giao diện lập trình của ktxh: đơn vị, chỉ tiêu, kế hoạch, số liệu, bảng đánh giá, "
                   "kỳ báo cáo và báo cáo của đơn vị. Xác thực: tiêu đề 'Authorization: Token <khóa>'.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],  # anonymous users see nothing
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"ValueKindEnum": "ktxh.values.models.DataValue.Kind",
                            "SubmissionStateEnum": "ktxh.entry.models.Submission.State"},
}
# Bound on one DHIS2 dataValueSets payload (docs/api.md).
KTXH_API_MAX_BYTES = int(os.environ.get("KTXH_API_MAX_BYTES", 50 * 1024 * 1024))
KTXH_API_MAX_VALUES = int(os.environ.get("KTXH_API_MAX_VALUES", 200_000))
# Error pages and logs never show the Authorization header (API tokens, passwords).
DEFAULT_EXCEPTION_REPORTER_FILTER = "ktxh.api.errors.ExceptionReporterFilter"

# ---------------------------------------------------------------- security (issue 13)
# Kept in one block: deployment behind a TLS proxy, CSP, login throttling.
BEHIND_TLS_PROXY = os.environ.get("KTXH_BEHIND_TLS_PROXY") == "1"
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("KTXH_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]
if BEHIND_TLS_PROXY:
    # The proxy terminates TLS and redirects http to https itself; it must overwrite
    # X-Forwarded-Proto on every request (docs/deployment.md).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = False
    SILENCED_SYSTEM_CHECKS = ["security.W008"]  # the redirect is the proxy's job, not Django's
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("KTXH_HSTS_SECONDS", 31_536_000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("KTXH_HSTS_INCLUDE_SUBDOMAINS", "1") == "1"
    SECURE_HSTS_PRELOAD = os.environ.get("KTXH_HSTS_PRELOAD") == "1"
    if not SECURE_HSTS_PRELOAD:
        # Browser preload lists are a commitment of the whole domain: its owner opts in.
        SILENCED_SYSTEM_CHECKS.append("security.W021")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): scripts, styles, images and fonts from our own
# origin only; no inline script anywhere (page behaviour lives in static/js/).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Login throttling (django-axes): after 5 failures for one user name from one address,
# that pair is locked for 15 minutes (or until an administrator unlocks it in
# /admin/axes/accessattempt/ or with `ktxh manage axes_reset`).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("KTXH_LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("KTXH_LOGIN_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
if BEHIND_TLS_PROXY:
    AXES_IPWARE_PROXY_COUNT = 1  # the client address is the one the proxy saw
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}


# --- Serving: background jobs and the shared cache (issue 12; docs/deployment.md) -------
# Jobs (report files, ...) run in `ktxh worker` processes through django-tasks; the
# queue is a table of the same database, so SQLite and PostgreSQL need no extra server.
INSTALLED_APPS += ["django_tasks", "django_tasks_db"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A running job touches its row this often; one silent for KTXH_JOB_STALE_SECONDS lost
# its worker (killed, restarted) and is retried once, then failed with the reason.
KTXH_JOB_HEARTBEAT_SECONDS = float(os.environ.get("KTXH_JOB_HEARTBEAT_SECONDS", 10))
KTXH_JOB_STALE_SECONDS = float(os.environ.get("KTXH_JOB_STALE_SECONDS", 60))
# Shared by every web and worker process: the evaluation tables' revisions and results.
# In the database so a revision is bumped in the write's own transaction.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "ktxh_cache",
        "TIMEOUT": 7 * 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}
