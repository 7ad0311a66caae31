"""
Settings for the Sharing Practice portal.

Everything that differs between machines comes from the environment (see
.env.example). Development defaults apply only when DJANGO_DEBUG is on; in
production a missing secret stops the portal at start-up.
"""

import ipaddress
import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# Where the portal is reached, for links in emails sent outside a request (invitations, cron jobs).
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000" if DEBUG else "").rstrip("/")
if not PORTAL_BASE_URL:
    raise ImproperlyConfigured("PORTAL_BASE_URL must be set when DJANGO_DEBUG is off, for links in emails.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "axes",
    "crispy_forms",
    "crispy_bootstrap5",
    # The portal's own apps, from the bottom up: each uses only the ones above it in this list
    # (tests/portal/test_app_dependencies.py holds them to it; docs/decisions/0009-one-app-per-domain.md).
    "inputs",
    "reference",
    "outbox",
    "accounts",
    "submissions",
    "search",
    "publishing",
    "calls",
    "plans",
    "evidence",
    "privacy",
    "operations",
    "pages",
]

# A form whose token failed (a session expired with the form open): the portal's own page.
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"

MIDDLEWARE = [
    # First: the health probes, answered before anything reads the Host; then the request id, and the log line
    # that times everything below it.
    "operations.middleware.OperationsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.SecurityHeadersMiddleware",  # Content-Security-Policy (django-csp's) and Permissions-Policy
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages (not static files: whitenoise sends those compressed already) gzipped for a browser that
    # accepts it, as nginx would; Django pads each one at random against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Django's messages, made only when one is added or read; and the request noted for the account audit
    "portal.middleware.MessagesAndAuditMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "accounts.context_processors.user_roles",
                "plans.context_processors.entry_actions",
            ],
        },
    },
]

# SQLite under var/ is the embedded default; production sets a postgres:// URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'portal.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        # A kept connection is checked before each request's first query, so the portal recovers
        # by itself once a database that went away is back.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database server that does not answer costs a request this many seconds, never gunicorn's
    # timeout (libpq waits for ever by default); /readyz and the log say so (docs/decisions/0012).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DJANGO_DB_CONNECT_TIMEOUT", "5"))
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Take the write lock when a transaction starts, so two people deciding at once queue up
    # (and the second is refused cleanly) instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    # A file, not memory, so browser tests' live-server threads each get their own connection.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses sign-in while too many attempts have failed
    "django.contrib.auth.backends.ModelBackend",
]
# Sign-in throttling (accounts/throttle.py, decision 0013): failures in the last 15 minutes are counted for
# one email address from one IP address (5 allowed), for one email address from any (10) and for one IP
# address to any email addresses (30: a borough office shares one); then a 15 minutes' wait. The same happens
# whether or not the account exists, so it reveals nothing.
AXES_HANDLER = "accounts.throttle.SignInThrottle"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = "accounts.throttle.lockout_parameters"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_LOCKOUT_CALLABLE = "accounts.throttle.locked_out"
# The address counted is the one nginx saw (operations/proxy.py): X-Forwarded-For is read only from these
# addresses or networks, the proxies in front of the portal (deploy/nginx); from anyone else it is ignored.
AXES_CLIENT_IP_CALLABLE = "operations.proxy.client_ip"
try:
    PORTAL_TRUSTED_PROXIES = [
        str(ipaddress.ip_network(entry, strict=False))
        for entry in env_list("PORTAL_TRUSTED_PROXIES", "127.0.0.0/8,::1")
    ]
except ValueError as wrong:
    raise ImproperlyConfigured(f"PORTAL_TRUSTED_PROXIES: {wrong}") from None
AXES_VERBOSE = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3  # an invitation link lasts three days
SESSION_COOKIE_AGE = 60 * 60 * 8  # a working day

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "var" / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded resources: never served from a public URL, only through a view that checks permission.
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Where `backup --in-storage` writes and `restore --in-storage` reads, and the erasure log
    # (privacy/erasure.py: one object per erasure under erasures/, which restore reads).
    "backups": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": os.environ.get("PORTAL_BACKUP_ROOT", BASE_DIR / "var" / "backups"),
            # Every account and upload is in a backup: for the portal's own user only.
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploads and backups on S3-compatible object storage, so that any number of app servers share
# them; still served only through the download view (docs/decisions/0012-running-for-real.md).
PORTAL_STORAGE = os.environ.get("PORTAL_STORAGE", "local")
if PORTAL_STORAGE == "s3":
    from operations.object_storage import s3_storages

    STORAGES.update(s3_storages(os.environ))
elif PORTAL_STORAGE != "local":
    raise ImproperlyConfigured("PORTAL_STORAGE must be local or s3.")

# Uploads: the size limit is enforced while the request streams in, before a file is kept.
RESOURCE_MAX_UPLOAD_BYTES = int(os.environ.get("PORTAL_MAX_UPLOAD_MB", "20")) * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "submissions.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Published practice is public; set to 1 to show it to signed-in users only.
PORTAL_BROWSE_REQUIRES_SIGN_IN = env_bool("PORTAL_BROWSE_REQUIRES_SIGN_IN")
PORTAL_RESULTS_PER_PAGE = 20
# A search that takes longer than this (each statement, in milliseconds) is stopped, and the person is
# asked to try fewer words: no search, however odd, can hold the database.
PORTAL_SEARCH_TIMEOUT_MS = int(os.environ.get("PORTAL_SEARCH_TIMEOUT_MS", "2000"))
# Origins (such as https://www.liia.london) whose pages may call the JSON API from a browser; none by default.
PORTAL_API_CORS_ORIGINS = [origin for origin in os.environ.get("PORTAL_API_CORS_ORIGINS", "").split(",") if origin]
# Origins (such as https://www.liia.london) whose pages may show the embedded list of practice
# (/embed/practice/) in an iframe: its Content-Security-Policy frame-ancestors. None by default.
PORTAL_EMBED_ORIGINS = env_list("PORTAL_EMBED_ORIGINS")
if any(not re.fullmatch(r"https?://[A-Za-z0-9.-]+(:[0-9]+)?", origin) for origin in PORTAL_EMBED_ORIGINS):
    raise ImproperlyConfigured("PORTAL_EMBED_ORIGINS: comma-separated origins such as https://www.liia.london.")
# The most entries one download (CSV, Excel or the Word pack) of a browse page holds.
PORTAL_EXPORT_MAX_ENTRIES = int(os.environ.get("PORTAL_EXPORT_MAX_ENTRIES", "10000"))
# Proformas sent as .doc, .odt or .rtf are converted to .docx by LibreOffice (this program, found on PATH unless a
# path is given), each conversion stopped after this many seconds: docs/decisions/0007-proforma-importer.md.
PORTAL_SOFFICE = os.environ.get("PORTAL_SOFFICE", "soffice")
PORTAL_CONVERT_SECONDS = int(os.environ.get("PORTAL_CONVERT_SECONDS", "20"))
# Disparity data: counts below this are never shown (nor anything they could be worked back from).
PORTAL_EVIDENCE_SMALL_NUMBER = int(os.environ.get("PORTAL_EVIDENCE_SMALL_NUMBER", "5"))
PORTAL_EVIDENCE_MAX_UPLOAD_BYTES = int(os.environ.get("PORTAL_EVIDENCE_MAX_UPLOAD_MB", "50")) * 1024 * 1024
if PORTAL_EVIDENCE_SMALL_NUMBER < 1:
    raise ImproperlyConfigured("PORTAL_EVIDENCE_SMALL_NUMBER must be at least 1.")
# Where people who want to find out more about an entry that names no contact are asked to write.
PORTAL_ENQUIRIES_EMAIL = os.environ.get("PORTAL_ENQUIRIES_EMAIL", "sharingpractice@liia.london")
# Days before a call's return-by date on which `send_call_reminders` (daily, from cron) reminds
# the local authorities that have not submitted.
PORTAL_CALL_REMINDER_DAYS = [int(days) for days in os.environ.get("PORTAL_CALL_REMINDER_DAYS", "7,1").split(",")]

# Every form's fields get the portal's bound field: a character count under long boxes (inputs/text_fields.py).
FORM_RENDERER = "inputs.text_fields.PortalFormRenderer"

# The privacy notice: who is responsible for the personal data (the controller), how to reach
# them about it, and the lawful basis for processing it.
PORTAL_PRIVACY_CONTROLLER = os.environ.get(
    "PORTAL_PRIVACY_CONTROLLER", "the London Innovation and Improvement Alliance (LIIA)"
)
PORTAL_PRIVACY_CONTACT_EMAIL = os.environ.get("PORTAL_PRIVACY_CONTACT_EMAIL", "")
PORTAL_LAWFUL_BASIS = os.environ.get(
    "PORTAL_LAWFUL_BASIS", "public task (UK GDPR Article 6(1)(e)): sharing practice between local authorities"
)
# How long personal data is kept, in days. `apply_retention` (daily, from cron) removes what is
# older, and the privacy notice quotes these same numbers.
PORTAL_RETENTION_DAYS = {
    "sign_in_logs": int(os.environ.get("PORTAL_KEEP_SIGN_IN_LOGS_DAYS", "90")),
    "sent_emails": int(os.environ.get("PORTAL_KEEP_SENT_EMAILS_DAYS", "30")),
    "failed_emails": int(os.environ.get("PORTAL_KEEP_FAILED_EMAILS_DAYS", "90")),
    "orphan_uploads": int(os.environ.get("PORTAL_KEEP_ORPHAN_UPLOADS_DAYS", "2")),
    "inactive_accounts": int(os.environ.get("PORTAL_KEEP_INACTIVE_ACCOUNTS_DAYS", "730")),
    "inactivity_warning": int(os.environ.get("PORTAL_INACTIVITY_WARNING_DAYS", "30")),
    "closed_entries": int(os.environ.get("PORTAL_KEEP_CLOSED_ENTRIES_DAYS", "365")),
}
if PORTAL_RETENTION_DAYS["orphan_uploads"] < 2:
    raise ImproperlyConfigured("PORTAL_KEEP_ORPHAN_UPLOADS_DAYS must be at least 2: a kept upload lasts a day.")
if PORTAL_RETENTION_DAYS["inactivity_warning"] >= PORTAL_RETENTION_DAYS["inactive_accounts"]:
    raise ImproperlyConfigured("PORTAL_INACTIVITY_WARNING_DAYS must be fewer than PORTAL_KEEP_INACTIVE_ACCOUNTS_DAYS.")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS")
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "Sharing Practice <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Served over HTTPS everywhere but a developer's machine and the test suite.
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# The proxy and systemd ask these on the instance's own plain-HTTP port.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
if env_bool("DJANGO_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Content-Security-Policy (django-csp): the portal has no inline script or style, and loads
# nothing from elsewhere. Bootstrap draws checkboxes and select arrows with data: images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "operations.logs.JsonFormatter"}},
    "filters": {"outages": {"()": "operations.logs.Outages"}},
    "handlers": {
        # Errors and warnings (Django's, with the request id and the traceback as a field) on stderr.
        # An outage's errors name their cause, the traceback once a minute for each (operations/logs.py).
        "console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["outages"]},
        "json": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # django-axes logs every sign-in at INFO; its lockouts (WARNING) are what matter in the log.
        "axes": {"level": "WARNING"},
        # One JSON line per request and per scheduled job's run, on stdout (operations/logs.py).
        "portal.requests": {"handlers": ["json"], "level": "INFO", "propagate": False},
        "portal.jobs": {"handlers": ["json"], "level": "INFO", "propagate": False},
        # The request line above says the same, with the request id.
        "django.request": {"level": "ERROR"},
    },
}
