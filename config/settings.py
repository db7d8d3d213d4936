"""Settings for Provenance, read from the environment (12-factor).

Every value that differs between a laptop and production comes from an environment variable
(or a `.env` file beside manage.py); the defaults give a working development setup on SQLite.
"""

from pathlib import Path

import environ
from django.utils.csp import CSP

from provenance.matching import weights as matcher_weights

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)
# An unset SECRET_KEY is only tolerated in development; production must provide one.
SECRET_KEY = env.str("SECRET_KEY", default="") or (
    "django-insecure-development-only-key" if DEBUG else ""
)
if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "provenance",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files from the app server itself (compressed, cached forever when fingerprinted).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.routers.ReplicaReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Records the request's user on every history entry (who changed what).
    "simple_history.middleware.HistoryRequestMiddleware",
    # RateLimit-Limit / -Remaining / -Reset from the API's throttles (api.throttling).
    "api.throttling.RateLimitHeadersMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
            ],
        },
    },
]

# DATABASE_URL picks the database: SQLite by default, PostgreSQL in production and CI.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# A new connection costs ~4 ms here, more than a whole provenance query (docs/architecture.md):
# keep them.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# Checking a reused connection at the start of each request costs a round trip on every request
# that queries (the cached provenance answer's 0.61-0.68 of the trivial endpoint's throughput
# falls to 0.45-0.59; BENCHMARKS.md). Off, as Django's default: after a database restart each
# worker fails its next request once and reconnects. On for those who would rather pay.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions and WAL let several writers queue instead of failing with
    # "database is locked"; foreign keys are on in Django's SQLite backend already.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

# Read replicas: DATABASE_REPLICA_URL adds a "replica" that safe requests read from.
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = {
        **env.db_url("DATABASE_REPLICA_URL"),
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": DATABASES["default"]["CONN_HEALTH_CHECKS"],
        # Tests read the replica's data from the primary's test database.
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["config.routers.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Where `collectstatic` gathers the files WhiteNoise serves when DEBUG is off.
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Web-archive captures (WARC files): a folder by default. Any S3-compatible store works by
    # naming its backend and options, e.g. with django-storages installed:
    # PROVENANCE_CAPTURE_STORAGE=storages.backends.s3.S3Storage and its AWS_* settings.
    "captures": {
        "BACKEND": env.str(
            "PROVENANCE_CAPTURE_STORAGE", default="django.core.files.storage.FileSystemStorage"
        ),
        "OPTIONS": env.json(
            "PROVENANCE_CAPTURE_STORAGE_OPTIONS",
            default={
                "location": str(env.path("PROVENANCE_CAPTURE_ROOT", default=BASE_DIR / "captures"))
            },
        ),
    },
    # Fingerprinted, compressed files need `collectstatic` first: production only.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Caches: per-process memory by default; CACHE_URL=redis://127.0.0.1:6379/1 shares one between
# workers. Cached provenance responses are keyed by the claim's versions, so they never need
# to be deleted, only to age out.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://provenance")}
PROVENANCE_CACHE_SECONDS = env.int("PROVENANCE_CACHE_SECONDS", default=600)

# Production hardening, on whenever DEBUG is off (`manage.py check --deploy`).
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto (say so with BEHIND_PROXY=true).
if env.bool("BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (Django's own) on every page: scripts only from this site or with
# the request's nonce; no plugins, no framing, forms post only here. Styles allow inline
# attributes: the provenance drawing sizes itself with them, and style cannot run code.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly",
    ],
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["api.filters.FilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    # Abuse limits (429 with Retry-After). Rates like "300/min"; empty turns a limit off (the
    # benchmarks do). Counted in the cache: set CACHE_URL to Redis to share them between workers.
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.AnonRateLimit",
        "api.throttling.UserRateLimit",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("THROTTLE_ANON", default="300/min") or None,
        "user": env.str("THROTTLE_USER", default="1200/min") or None,
    },
    "NUM_PROXIES": env.int("NUM_PROXIES", default=0),
    # JSON bodies only: a form cannot carry null or a nested object (a selector, a chain's
    # hops). Ingestion (file uploads) and the token endpoint take forms too, end to end.
    "DEFAULT_PARSER_CLASSES": ["api.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": [
        "drf_orjson_renderer.renderers.ORJSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Provenance API",
    "DESCRIPTION": (
        "Claims, the chains of citation behind them, and how many independent origins really "
        "stand behind each claim."
    ),
    # API version 1: its paths are under /api/v1/ (the /api/ alias is left out of the schema).
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "PREPROCESSING_HOOKS": ["api.schema_links.versioned_paths_only"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema_links.links_from_created",
    ],
    "SERVE_INCLUDE_SCHEMA": False,
    # The interactive docs load Swagger UI from this server (drf-spectacular-sidecar), not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "VerdictEnum": "provenance.models.claims.Verdict.choices",
        "SourceKindEnum": "provenance.models.sources.SourceKind.choices",
        "FidelityEnum": "provenance.models.assertions.Fidelity.choices",
        "RelationEnum": "provenance.models.assertions.Relation.choices",
        "DocumentStatusEnum": "provenance.models.documents.DocumentStatus.choices",
        "MatchStatusEnum": "provenance.models.matches.MatchStatus.choices",
    },
}

# The provenance traversal stops at these caps and reports `truncated`.
PROVENANCE_MAX_DEPTH = env.int("PROVENANCE_MAX_DEPTH", default=50)
PROVENANCE_MAX_NODES = env.int("PROVENANCE_MAX_NODES", default=500)
# A change that reaches more claims than this refreshes their cached analyses in the
# background (when background tasks are on) instead of in the request.
PROVENANCE_SYNC_REFRESH_LIMIT = env.int("PROVENANCE_SYNC_REFRESH_LIMIT", default=200)
# An ingested article whose text overlaps an earlier document's at least this much (share of
# its 5-word shingles), without citing it, is suggested as reusing it (provenance.reuse).
PROVENANCE_REUSE_MIN_OVERLAP = env.float("PROVENANCE_REUSE_MIN_OVERLAP", default=0.6)

# Background work (bulk ingestion, exports, wide analysis refreshes) runs on Celery when a
# broker is configured (CELERY_BROKER_URL=redis://127.0.0.1:6379/0), and in-process otherwise.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
PROVENANCE_BACKGROUND_TASKS = bool(CELERY_BROKER_URL)
# A claim may be rated (true ... false) only once a link to one of its origins was checked.
PROVENANCE_RATING_NEEDS_CHECKED_LINK = env.bool(
    "PROVENANCE_RATING_NEEDS_CHECKED_LINK", default=True
)

# Who publishes the fact checks: the `author` of every ClaimReview. The URL defaults to this
# site's root address as requested.
PROVENANCE_PUBLISHER_NAME = env.str("PROVENANCE_PUBLISHER_NAME", default="Provenance")
PROVENANCE_PUBLISHER_URL = env.str("PROVENANCE_PUBLISHER_URL", default="")
# Fetching an article by URL (admin, API, `ingest` command): size and time limits, and whether
# private, loopback and link-local addresses may be fetched (never in production: SSRF).
PROVENANCE_FETCH_MAX_BYTES = env.int("PROVENANCE_FETCH_MAX_BYTES", default=10 * 1024 * 1024)
PROVENANCE_FETCH_TIMEOUT = env.float("PROVENANCE_FETCH_TIMEOUT", default=10.0)
PROVENANCE_FETCH_ALLOW_PRIVATE = env.bool("PROVENANCE_FETCH_ALLOW_PRIVATE", default=False)

# Watching sources (provenance.services.watching): each document's address is fetched again
# after WATCH_FIRST_HOURS, the interval doubling while the article text stays the same up to
# WATCH_MAX_HOURS; at most one request to a host per WATCH_HOST_SPACING_SECONDS; a host that
# does not resolve WATCH_GONE_AFTER times in a row is gone. Celery beat starts a run every
# WATCH_RUN_SECONDS; without a broker, run `manage.py watch_sources` from cron instead.
PROVENANCE_WATCH_FIRST_HOURS = env.int("PROVENANCE_WATCH_FIRST_HOURS", default=24)
PROVENANCE_WATCH_MAX_HOURS = env.int("PROVENANCE_WATCH_MAX_HOURS", default=24 * 32)
PROVENANCE_WATCH_HOST_SPACING_SECONDS = env.int("PROVENANCE_WATCH_HOST_SPACING_SECONDS", default=60)
PROVENANCE_WATCH_GONE_AFTER = env.int("PROVENANCE_WATCH_GONE_AFTER", default=3)
PROVENANCE_WATCH_BATCH = env.int("PROVENANCE_WATCH_BATCH", default=200)
PROVENANCE_WATCH_RUN_SECONDS = env.int("PROVENANCE_WATCH_RUN_SECONDS", default=300)
# Asking public web archives for a copy (provenance.evidence.archivers): off unless named here
# ("wayback,perma") with their keys. The endpoints are settings so tests use a fake archive.
PROVENANCE_ARCHIVERS = env.list("PROVENANCE_ARCHIVERS", default=[])
PROVENANCE_WAYBACK_ACCESS_KEY = env.str("PROVENANCE_WAYBACK_ACCESS_KEY", default="")
PROVENANCE_WAYBACK_SECRET_KEY = env.str("PROVENANCE_WAYBACK_SECRET_KEY", default="")
PROVENANCE_WAYBACK_ENDPOINT = env.str(
    "PROVENANCE_WAYBACK_ENDPOINT", default="https://web.archive.org"
)
PROVENANCE_PERMA_API_KEY = env.str("PROVENANCE_PERMA_API_KEY", default="")
PROVENANCE_PERMA_ENDPOINT = env.str("PROVENANCE_PERMA_ENDPOINT", default="https://api.perma.cc")
PROVENANCE_PERMA_SITE = env.str("PROVENANCE_PERMA_SITE", default="https://perma.cc")
PROVENANCE_PERMA_FOLDER = env.int("PROVENANCE_PERMA_FOLDER", default=None)
PROVENANCE_ARCHIVE_WAIT_SECONDS = env.float("PROVENANCE_ARCHIVE_WAIT_SECONDS", default=120.0)
PROVENANCE_ARCHIVE_POLL_SECONDS = env.float("PROVENANCE_ARCHIVE_POLL_SECONDS", default=5.0)
CELERY_BEAT_SCHEDULE = {
    "watch-sources": {
        "task": "provenance.watch_sources",
        "schedule": float(PROVENANCE_WATCH_RUN_SECONDS),
    }
}
# Articles are up to 10 MiB (provenance.ingest.MAX_CONTENT_BYTES). A request carrying one as a
# JSON string (escaped) with its corrected extraction, or pasted into the admin form, needs more
# than Django's 2.5 MiB; files uploaded beyond FILE_UPLOAD_MAX_MEMORY_SIZE spool to disk. The
# admin's correction formsets hold about 20 fields per extracted claim.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=24 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = env.int("DATA_UPLOAD_MAX_NUMBER_FIELDS", default=10_000)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# An optional article corpus kept outside the repository, with gold annotations: an extra check
# for the tests and the extraction benchmark where it exists (the project's own articles, in
# provenance/fixtures/articles/, are what the demo, the tests and the README use).
CORPUS_DIR = env.path("PROVENANCE_CORPUS", default=BASE_DIR.parent / "shared" / "corpus")

# One handler, on the root logger: every record is printed once. Django's own configuration
# gives the "django" logger a console handler of its own as well, which printed each of its
# records twice (once there, once at the root); here it only propagates. runserver's request
# lines ("django.server") keep their own handler and do not propagate.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{levelname} {name}: {message}", "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django": {"handlers": [], "level": "INFO", "propagate": True}},
}

# Claim matching (provenance/matching/, README "Claim matching"): a pair scoring at least
# SUGGEST_AT is suggested to an editor; at least SAME_AT, with the same numbers and polarity,
# is the same claim. The defaults were fitted on training data (bench/fit_matcher.py, into
# provenance/matching/weights.py); CANDIDATES is how many indexed candidates are scored.
PROVENANCE_MATCH_SUGGEST_AT = env.float(
    "PROVENANCE_MATCH_SUGGEST_AT", default=matcher_weights.SUGGEST_AT
)
PROVENANCE_MATCH_SAME_AT = env.float("PROVENANCE_MATCH_SAME_AT", default=matcher_weights.SAME_AT)
PROVENANCE_MATCH_CANDIDATES = env.int("PROVENANCE_MATCH_CANDIDATES", default=20)
