"""Kinerja settings: one module, every value from the environment (documented in .env.example)."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str | None = None) -> str | None:
    """Read a setting from NAME, or from the file named by NAME_FILE (for secrets)."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
TESTING = env_bool("KINERJA_TESTING", False)
_insecure_key = "insecure-development-key-change-me"
SECRET_KEY = env("SECRET_KEY") or (_insecure_key if DEBUG or TESTING else "")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY wajib diisi bila DEBUG tidak aktif (lihat .env.example).")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = (env("SITE_URL", "http://127.0.0.1:8000") or "").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "ninja",  # only for its bundled Swagger UI templates and static files (no CDN)
    "django_tasks",
    "django_tasks_db",
    "kinerja.core",
    "kinerja.audit",
    "kinerja.communication",
    "kinerja.organisations",
    "kinerja.accounts",
    "kinerja.planning",
    "kinerja.evaluation",
    "kinerja.development",
    "kinerja.leadership",
    "kinerja.adoption",
    "kinerja.reports",
    "kinerja.exchange",
    "kinerja.oversight",
    "kinerja.api",
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
    "kinerja.accounts.middleware.ForcePasswordChangeMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "kinerja" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kinerja.accounts.context_processors.navigation",
                "kinerja.communication.context_processors.unread",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}") or "",
        conn_max_age=int(env("DB_CONN_MAX_AGE", "60") or 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif (
    DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    and (env("DB_PG_JIT", "off") or "off").lower() == "off"
):
    # PostgreSQL's JIT compiles plans costed above jit_above_cost; for this app's short grouped
    # reads it adds 80-90 ms to a 35 ms query (docs/decisions/0007-postgres-jit-and-cache.md).
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"]["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lock an account+address pair after repeated failures (django-axes).
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5") or 5)
AXES_COOLOFF_TIME = float(env("AXES_COOLOFF_HOURS", "0.5") or 0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_ENABLED = env_bool("AXES_ENABLED", True)

SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(8 * 3600)) or 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = True

HTTPS = env_bool("HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "0") or 0) if HTTPS else 0
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")) or "")
STATICFILES_DIRS = [BASE_DIR / "kinerja" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")) or "")
STORAGES = {
    "default": {
        "BACKEND": env("MEDIA_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
# Largest upload accepted anywhere (evidence, certificates, imports); each feature may set less.
MAX_UPLOAD_BYTES = int(env("MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)) or 10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25") or 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Kinerja Abdya <kinerja@localhost>")

# Background jobs live in the database (django-tasks); `manage.py db_worker` runs them.
TASKS = {
    "default": {
        "BACKEND": env("TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

CACHES = {
    "default": {
        "BACKEND": env("CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
        "LOCATION": env("CACHE_LOCATION", "kinerja"),
    }
}
# The dashboards keep one version key per organisation unit (about 500 in the regency) beside
# their figures, rows and charts: Django's default of 300 entries would cull them on every pass.
# The local-memory, file and database caches take MAX_ENTRIES (Redis evicts by its own policy).
if CACHES["default"]["BACKEND"].endswith(("LocMemCache", "FileBasedCache", "DatabaseCache")):
    CACHES["default"]["OPTIONS"] = {"MAX_ENTRIES": int(env("CACHE_MAX_ENTRIES", "20000") or 20000)}

# The government this installation serves (printed on official documents).
KINERJA_INSTANCE_NAME = env("KINERJA_INSTANCE_NAME", "Pemerintah Kabupaten Aceh Barat Daya")
KINERJA_DOCUMENT_PLACE = env("KINERJA_DOCUMENT_PLACE", "Blangpidie")
# SKP deadline of each year as (month, day): end of January (PermenPANRB 8/2021, restated in 6/2022).
_deadline = (env("SKP_DEADLINE", "01-31") or "01-31").split("-")
SKP_DEADLINE_MONTH_DAY = (int(_deadline[0]), int(_deadline[1]))
# Days after which an SKP awaiting approval is shown to the assessor's own superior.
LEADERSHIP_ESCALATION_DAYS = int(env("LEADERSHIP_ESCALATION_DAYS", "7") or 7)
# Seconds the dashboards and the public page keep their computed figures (a change made through
# this process invalidates the dashboards at once; see docs/operations.md for several workers).
REPORTS_DASHBOARD_CACHE_SECONDS = int(env("REPORTS_DASHBOARD_CACHE_SECONDS", "300") or 300)
REPORTS_PUBLIC_CACHE_SECONDS = int(env("REPORTS_PUBLIC_CACHE_SECONDS", "600") or 600)
# Rows above which an import runs as a background job with a progress bar.
IMPORT_BACKGROUND_THRESHOLD = int(env("IMPORT_BACKGROUND_THRESHOLD", "500") or 500)
# Where development needs from performance gaps come from (kinerja.development.performance).
KINERJA_PERFORMANCE_SIGNALS = "kinerja.development.performance.evaluation_signals"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}, "django_tasks": {"level": "WARNING"}},
}

# Bootstrap comes from the XStatic package, never from a CDN.
import xstatic.pkg.bootstrap as _xstatic_bootstrap  # noqa: E402

STATICFILES_DIRS.append(("bootstrap", _xstatic_bootstrap.BASE_DIR))

# Providers of extra panels on the performance dialogue page (kinerja.evaluation.panels).
KINERJA_DIALOGUE_PANELS: list[str] = ["kinerja.leadership.panels.follow_up_panels"]
