"""LKIP settings: one file, every knob an environment variable."""

import os
import sys
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ya"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
_DEV_SECRET_KEY = "dev-only-insecure-key-change-me-" + "x" * 32
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET_KEY)


def _secret_key_problem(key: str) -> str | None:
    """Why this key must not sign production sessions and tokens, or None (Django's own rule)."""
    if not key:
        return "SECRET_KEY tidak diatur"
    if key == _DEV_SECRET_KEY:
        return "SECRET_KEY masih kunci pengembangan dari repositori ini"
    if len(key) < 50:
        return f"SECRET_KEY hanya {len(key)} karakter"
    if len(set(key)) < 5:
        return "SECRET_KEY terlalu seragam (kurang dari 5 karakter berbeda)"
    return None


# With DEBUG=false the application refuses to start on a missing or weak key: the development
# key would otherwise sign production's sessions and tokens without a word from check --deploy.
if not DEBUG and (_masalah := _secret_key_problem(os.environ.get("SECRET_KEY", ""))):
    raise ImproperlyConfigured(
        f"{_masalah}. Dengan DEBUG=false, setel variabel lingkungan SECRET_KEY ke kunci acak "
        "rahasia sepanjang 50 karakter atau lebih, misalnya keluaran perintah: "
        'python -c "import secrets; print(secrets.token_urlsafe(50))"'
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "simple_history",
    "django_tasks_db",
    "lkip",
    "targets",
    "indicators",
    "budget",
    "skm",
    "reports",
    "evaluasi",
    "rpjmd",
    "exchange",
    "demo",
]

MIDDLEWARE = [
    "lkip.log.catat_permintaan",  # first: the duration covers every other middleware
    "lkip.middleware.tolak_nul",  # a NUL in the path, query or a cookie: 400 before any query
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # The kept user is checked against the session (lkip/backends.py).
    "lkip.backends.sesi_untuk_pengguna",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "reports.dashboard.versi.lupakan_versi_setelah_tulis",
]

ROOT_URLCONF = "lkip.urls"

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
                "django.template.context_processors.csp",
                "lkip.menu.menu",
            ],
        },
    },
]

WSGI_APPLICATION = "lkip.wsgi.application"

# SQLite file in the project folder unless DATABASE_URL says otherwise (postgres://...).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env_str("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The web server and the background worker write one file: a writer waits up to 20 s for
    # the other's lock (5 s by default) before "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("timeout", 20)
    # A file, not memory, for the test database: the render worker the tests start
    # (tests/antrian.py) is another process and must see what the tests commit.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"lkip-test-{os.getpid()}.sqlite3")
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work (renders of the LKIP, signing) through Django's tasks framework with the queue in
# the database (django-tasks-db): no broker; every instance shares the queue. The worker is
# `manage.py db_worker --no-reload` (bin/start runs it beside the web server).
# LKIP_ANTRIAN names the queue this instance's work goes to (the worker: --queue-name).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
LKIP_ANTRIAN = env_str("LKIP_ANTRIAN", "default")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"  # the only language: no LocaleMiddleware (no per-request negotiation)
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
if STATIC_ROOT.is_dir():
    # After collectstatic (production): WhiteNoise serves the CSS, scripts and fonts under gunicorn
    # without a web server in front. Without collected files (development, tests) runserver and the
    # test server serve them from the apps, and WhiteNoise would only warn.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )


def _font_dir() -> Path | None:
    """Source Sans Pro comes from its PyPI package (no font files in this repository)."""
    import importlib.util

    spec = importlib.util.find_spec("font_source_sans_pro")
    return Path(spec.origin).parent / "files" if spec and spec.origin else None


FONT_DIR = _font_dir()
STATICFILES_DIRS = [BASE_DIR / "static"]
if FONT_DIR:
    STATICFILES_DIRS.append(("fonts", FONT_DIR))

# Every file the application writes (evidence, workbook uploads waiting for their preview, the PDF
# cache, the demo signing certificate) goes through Django's storage API (lkip/penyimpanan.py):
# on the local disk under MEDIA_ROOT, or with LKIP_S3_BUCKET set in an S3-compatible object store
# (MinIO, Ceph, a cloud bucket) that every instance behind a load balancer shares. Either way the
# files are private: served only through views that check permissions, never by a public URL.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
FILE_UPLOAD_PERMISSIONS = 0o600  # on the local disk: readable by the server's own user only
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
LKIP_S3_BUCKET = env_str("LKIP_S3_BUCKET", "")
LKIP_S3_ENDPOINT = env_str("LKIP_S3_ENDPOINT", "")


def _penyimpanan_berkas() -> dict:
    """The default storage: the local disk, or the S3 bucket the LKIP_S3_* variables name."""
    if not LKIP_S3_BUCKET:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": LKIP_S3_BUCKET,
            "endpoint_url": LKIP_S3_ENDPOINT or None,
            "region_name": env_str("LKIP_S3_REGION", "") or None,
            # Unset: boto3's own chain (AWS_ACCESS_KEY_ID, an instance role, ~/.aws).
            "access_key": env_str("LKIP_S3_ACCESS_KEY", "") or None,
            "secret_key": env_str("LKIP_S3_SECRET_KEY", "") or None,
            "location": env_str("LKIP_S3_PREFIX", "").strip("/"),
            # Path-style addressing unless told otherwise: MinIO and Ceph need no bucket DNS name.
            "addressing_style": env_str("LKIP_S3_ADDRESSING_STYLE", "path") or None,
            # No ACL header (the bucket's own policy: private), no public URL is ever handed out,
            # and a name that exists is never written over (a new name is chosen instead).
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 60,
            "file_overwrite": False,
        },
    }


STORAGES = {
    "default": _penyimpanan_berkas(),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads stop at their URL's limit while the body is read (lkip/uploads.py): evidence 5 MB, the
# PDF verification 50 MB, the workbook import 20 MB (its own handler), any other URL
# UPLOAD_MAKS_MB. Form fields besides files: DATA_UPLOAD_MAX_MEMORY_SIZE (then a 400).
FILE_UPLOAD_HANDLERS = [
    "lkip.uploads.UploadLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
UPLOAD_MAKS_MB = int(env_str("UPLOAD_MAKS_MB", "20"))
DATA_UPLOAD_MAX_MEMORY_SIZE = int(env_str("DATA_UPLOAD_MAX_MEMORY_SIZE", str(2_621_440)))

# Cache: in the database by default (shared by every worker; no extra service), for the login
# lock-out and dashboard caching. `createcachetable` runs in bin/start; tests create it too.
CACHES = {
    "default": {
        "BACKEND": env_str("CACHE_BACKEND", "django.core.cache.backends.db.DatabaseCache"),
        "LOCATION": env_str("CACHE_LOCATION", "lkip_cache"),
    }
}

# Security baseline (python manage.py check --deploy is clean with DEBUG=false, see README).
SESSION_COOKIE_HTTPONLY = True
# "django.contrib.sessions.backends.cached_db" with a shared cache (Redis) saves a query a request.
SESSION_ENGINE = env_str("SESSION_ENGINE", "django.contrib.sessions.backends.db")
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(env_str("SESSION_COOKIE_AGE", str(8 * 60 * 60)))  # a working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# A load balancer probes the health endpoints over plain HTTP, inside the network.
SECURE_REDIRECT_EXEMPT = [r"^sehat/$", r"^siap/$"]
SECURE_HSTS_SECONDS = int(env_str("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
# Behind the HTTPS proxy (README, production): the proxy says which scheme the client used and, in
# X-Forwarded-For, which address it connected from (the login lock-out keys on it, lkip/auth.py).
# TRUSTED_PROXIES: further proxies between the client and that one (addresses or networks).
BEHIND_HTTPS_PROXY = env_bool("BEHIND_HTTPS_PROXY", False)
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_HTTPS_PROXY else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

from django.utils.csp import CSP  # noqa: E402

# No inline scripts anywhere: scripts only from our static files. Inline styles stay allowed
# because the report document carries its own stylesheet (it is also downloaded as HTML).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Login attempts: this many failures for one username from one client address within the window
# lock it out there for the window; four times as many lock the username, or the address, out
# (the rule in lkip/auth.py).
LOGIN_MAX_PERCOBAAN = int(env_str("LOGIN_MAX_PERCOBAAN", "5"))
LOGIN_KUNCI_DETIK = int(env_str("LOGIN_KUNCI_DETIK", str(15 * 60)))

AUTH_PASSWORD_VALIDATORS[1]["OPTIONS"] = {"min_length": 10}

# Django's model backend; the logged-in user kept per process and data version (lkip/backends.py).
AUTHENTICATION_BACKENDS = ["lkip.backends.ModelBackendTersimpan"]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

DJANGO_TABLES2_TEMPLATE = "django_tables2/table.html"

# Digital signature of the LKIP (PAdES, pyHanko): the agency certificate as PKCS#12.
# Unset, load_demo creates a self-signed demo certificate (clearly marked as such).
LKIP_SIGNING_P12 = env_str("LKIP_SIGNING_P12", "")
LKIP_SIGNING_PASSPHRASE = env_str("LKIP_SIGNING_PASSPHRASE", "")
LKIP_PUBLIC_URL = env_str("LKIP_PUBLIC_URL", "http://127.0.0.1:8000")

# Logging: everything to stderr (gunicorn's, collected by the service manager), one line a record;
# a 500 with its traceback, a 403 or 404 on one line without (lkip/log.py). LOG_FORMAT=json writes
# JSON lines. Django's default logs to the console only with DEBUG=true and mails only to ADMINS:
# in production a 500 left no trace. ADMINS (comma-separated addresses) also get each 500 by mail,
# sent through EMAIL_HOST (EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS).
LOG_FORMAT = env_str("LOG_FORMAT", "teks").strip().lower()
LOG_LEVEL = env_str("LOG_LEVEL", "WARNING").strip().upper()
LOG_PERMINTAAN = env_bool("LOG_PERMINTAAN", not DEBUG)
ADMINS = env_list("ADMINS", "")
SERVER_EMAIL = env_str("SERVER_EMAIL", "lkip@localhost")
# The application sends no other mail: without ADMINS its mailer is never used.
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": int(env_str("EMAIL_PORT", "25")),
            "username": env_str("EMAIL_HOST_USER", ""),
            "password": env_str("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "timeout": 10,
        },
    }
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "formatters": {
        "teks": {"()": "lkip.log.FormatBaris"},
        "json": {"()": "lkip.log.FormatJson"},
    },
    "handlers": {
        "stderr": {
            "()": "lkip.log.StderrHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "teks",
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own records go up to the root's handler (its default console handler is gone).
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.request": {"handlers": ["mail_admins"] if ADMINS else [], "propagate": True},
        # One line per request (lkip.log.catat_permintaan): on in production, off under DEBUG.
        "lkip.permintaan": {"level": "INFO" if LOG_PERMINTAAN else "WARNING", "propagate": True},
    },
}

# The public satisfaction survey (skm/publik.py). Submissions per client address and per service
# unit within a window, and the least time a person needs to fill the form; a bench may raise the
# limits (bench/skm.py). The client address follows the login lock-out's rule
# (lkip.auth.alamat_klien: behind BEHIND_HTTPS_PROXY, the address the trusted proxy reports).
SKM_BATAS_PER_KLIEN = int(env_str("SKM_BATAS_PER_KLIEN", "10"))
SKM_JENDELA_KLIEN_DETIK = int(env_str("SKM_JENDELA_KLIEN_DETIK", str(60 * 60)))
SKM_BATAS_PER_UNIT = int(env_str("SKM_BATAS_PER_UNIT", "60"))
SKM_JENDELA_UNIT_DETIK = int(env_str("SKM_JENDELA_UNIT_DETIK", "60"))
SKM_WAKTU_ISI_MINIMUM_DETIK = int(env_str("SKM_WAKTU_ISI_MINIMUM_DETIK", "8"))

# Each PDF is laid out in a child process with these limits (reports/laporan/batas.py): the demo
# LKIP takes 5-8 s. The time stays under gunicorn's default --timeout (30 s), which would kill
# the worker without a word; raise both together for a report that needs longer.
LKIP_PDF_BATAS_DETIK = int(env_str("LKIP_PDF_BATAS_DETIK", "25"))
LKIP_PDF_BATAS_MB = int(env_str("LKIP_PDF_BATAS_MB", "2048"))
# The ordinary PDF download is laid out in up to this many child processes at once, one group of
# chapters each (reports/laporan/pdf_paralel.py), while a core is idle; on a busy machine, and
# with 1, in one process. Each child has the memory limit above.
LKIP_PDF_PROSES = int(env_str("LKIP_PDF_PROSES", "4"))
# The render worker (reports/antrian.py) is not bound by gunicorn's timeout: its own, longer time
# limit per render, and the lease it holds on a render while it works (renewed every third of it;
# a worker that dies lets the lease lapse and the render is taken up again).
LKIP_RENDER_BATAS_DETIK = int(env_str("LKIP_RENDER_BATAS_DETIK", "180"))
LKIP_RENDER_SEWA_DETIK = int(env_str("LKIP_RENDER_SEWA_DETIK", "30"))
LKIP_RENDER_PERCOBAAN = int(env_str("LKIP_RENDER_PERCOBAAN", "3"))
if LKIP_RENDER_BATAS_DETIK <= LKIP_PDF_BATAS_DETIK:
    raise ImproperlyConfigured(
        "LKIP_RENDER_BATAS_DETIK harus lebih besar daripada LKIP_PDF_BATAS_DETIK: pekerja latar "
        "menyusun laporan yang tidak sempat disusun dalam batas waktu permintaan web."
    )
if len(sys.argv) > 1 and sys.argv[1] == "db_worker":
    # In the worker a render is bound by the worker's limit, not by the web request's.
    LKIP_PDF_BATAS_DETIK = LKIP_RENDER_BATAS_DETIK
