"""Kasam settings. Everything that differs between installations comes from the environment.

KASAM_ENV=development (the default) is for a laptop; KASAM_ENV=production turns on every
transport-security setting and refuses to start without a SECRET_KEY.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from kasam.config.env import COUNTRIES, LANGUAGE_CODES, env_bool, env_choice, env_int, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent

KASAM_ENV = env_choice("KASAM_ENV", "development", ("development", "production"))
PRODUCTION = KASAM_ENV == "production"
DEBUG = env_bool("KASAM_DEBUG", not PRODUCTION)

SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when KASAM_ENV=production.")
    SECRET_KEY = "development-only-key-never-use-in-production-" + "x" * 20

ALLOWED_HOSTS = env_str("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in env_str("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# --- Country and language -------------------------------------------------------------
KASAM_COUNTRY = env_choice("KASAM_COUNTRY", "NO", COUNTRIES)
_COUNTRY_LANGUAGE = {"NO": "nb", "SE": "sv"}
LANGUAGE_CODE = env_choice("KASAM_LANGUAGE", _COUNTRY_LANGUAGE[KASAM_COUNTRY], LANGUAGE_CODES)
LANGUAGES = [("nb", "Norsk bokmål"), ("sv", "Svenska"), ("en", "English")]
FORMAT_MODULE_PATH = ["kasam.config.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str(
    "KASAM_TIME_ZONE", {"NO": "Europe/Oslo", "SE": "Europe/Stockholm"}[KASAM_COUNTRY]
)

# Test numbers (Norwegian synthetic numbers, Swedish test personnummer) are refused in
# production unless the installation says otherwise (a training installation does).
KASAM_ALLOW_TEST_IDS = env_bool("KASAM_ALLOW_TEST_IDS", not PRODUCTION)
KASAM_EMERGENCY_ACCESS_HOURS = env_int("KASAM_EMERGENCY_ACCESS_HOURS", 4)
# The key that signs audit entries (kasam.audit.chain); kept outside the database. Set it
# once per installation and never change it: entries signed with another key fail `verify`.
KASAM_AUDIT_KEY = env_str("KASAM_AUDIT_KEY", "")
# Survey results are shown only for groups with at least this many answers.
KASAM_SURVEY_MIN_GROUP = env_int("KASAM_SURVEY_MIN_GROUP", 5)
# Whether something received after office hours counts from the next working day.
KASAM_AFTER_HOURS_NEXT_DAY = env_bool("KASAM_AFTER_HOURS_NEXT_DAY", True)
KASAM_OFFICE_CLOSES_AT = env_int("KASAM_OFFICE_CLOSES_AT", 16)
KASAM_SEARCH_LIMIT = 50
# Reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated).
KASAM_TRUSTED_PROXIES = [p for p in env_str("KASAM_TRUSTED_PROXIES", "").split(",") if p.strip()]
# Allowances per client address (django-ratelimit rates: count/s|m|h|d).
KASAM_RATE_LIMITS = {
    "login": env_str("KASAM_RATE_LOGIN", "30/m"),
    "token": env_str("KASAM_RATE_TOKEN", "30/m"),
    "feedback": env_str("KASAM_RATE_FEEDBACK", "5/h"),  # messages sent
    "survey-code": env_str("KASAM_RATE_SURVEY_CODE", "20/h"),  # unknown codes tried
    "survey": env_str("KASAM_RATE_SURVEY", "300/h"),  # answers and code look-ups
}
RATELIMIT_IP_META_KEY = "kasam.core.net.client_ip"
AXES_CLIENT_IP_CALLABLE = "kasam.core.net.client_ip"

# --- Applications -----------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "django_ratelimit",
    "csp",
    "kasam.core",
    "kasam.accounts",
    "kasam.organisation",
    "kasam.registry",
    "kasam.access",
    "kasam.audit",
    "kasam.jobs",
    "kasam.cases",
    "kasam.assessments",
    "kasam.decisions",
    "kasam.careplans",
    "kasam.journal",
    "kasam.screening",
    "kasam.visits",
    "kasam.planner",
    "kasam.indicators",
    "kasam.goals",
    "kasam.quality",
    "kasam.surveys",
    "kasam.api",
    "kasam.interop",
    "kasam.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kasam.core.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kasam.core.middleware.IdleTimeoutMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kasam.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "kasam.audit.middleware.AuditUnavailableMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "kasam.core.middleware.OncePerSubmissionMiddleware",
    "kasam.core.middleware.NotFoundPageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kasam.config.urls"
WSGI_APPLICATION = "kasam.config.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kasam.core.context_processors.kasam",
                "kasam.organisation.menu.menu",
                "kasam.quality.context_processors.deviations_to_handle",
            ],
        },
    },
]

# Form widgets are rendered by Jinja2 (Django's own widget templates for it): a select's
# options through Django's template engine cost ~0.1 ms each, a tenth of that in Jinja2.
FORM_RENDERER = "kasam.core.forms.FormRenderer"

# --- Database ---------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{PROJECT_DIR / 'var' / 'kasam.sqlite3'}"),
        conn_max_age=60,
    )
}
# A request is one transaction: an audit entry that cannot be written undoes the request.
DATABASES["default"]["ATOMIC_REQUESTS"] = True

# The default cache (rate limits, sessions) and one for indicator figures (keyed by source
# counters, so any backend is correct). KASAM_CACHE_URL or REDIS_URL (redis://…) makes both
# shared between processes, as production needs; without it each process keeps its own.
KASAM_CACHE_URL = env_str("KASAM_CACHE_URL", "") or env_str("REDIS_URL", "")
CACHES: dict[str, dict[str, Any]]
if KASAM_CACHE_URL:
    CACHES = {
        name: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": KASAM_CACHE_URL,
            "KEY_PREFIX": f"kasam-{name}",
        }
        for name in ("default", "indicators")
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "indicators": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "indicators",
            "OPTIONS": {"MAX_ENTRIES": 200_000},  # rolled-up tallies: units × months × indicators
        },
    }
# django-ratelimit knows Django's Redis cache as "not officially supported" (it is atomic);
# the per-process cache is only for development, where one process serves: production
# refuses to start without a shared cache.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
if not PRODUCTION:
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.E003")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiled the access rule's query on every request (its cost estimate
    # passes jit_above_cost; compiling took ~60 of ~70 ms): off for Kasam's connections.
    # Random reads priced as on solid-state storage (the default 4 is for spinning disks and
    # chose whole-table scans of the clients for a handler's review list: 14 → 6 ms).
    page_cost = env_str("KASAM_PG_RANDOM_PAGE_COST", "1.1")
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c jit=off -c random_page_cost={float(page_cost)}"
    )
    # Django's backend with timestamps parsed in C (kasam/core/postgresql/base.py).
    DATABASES["default"]["ENGINE"] = "kasam.core.postgresql"

# --- Authentication and sessions --------------------------------------------------------
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
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

AXES_FAILURE_LIMIT = env_int("KASAM_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

# Idle timeout: the session lives SESSION_COOKIE_AGE seconds after the last request; it is
# renewed at most every five minutes (kasam.core.middleware.IdleTimeoutMiddleware), not saved on
# every request. With a shared cache, sessions are read from it (and kept in the database).
SESSION_COOKIE_AGE = env_int("KASAM_IDLE_TIMEOUT_MINUTES", 30) * 60
KASAM_SESSION_RENEW_SECONDS = env_int("KASAM_SESSION_RENEW_SECONDS", 300)
SESSION_SAVE_EVERY_REQUEST = False
if KASAM_CACHE_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- Security headers -------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("KASAM_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Served over TLS by the reverse proxy; KASAM_SECURE_COOKIES=false only to try the
    # production stack on a machine without one (scripts/serve on 127.0.0.1).
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("KASAM_SECURE_COOKIES", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Static files -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = PROJECT_DIR / "var" / "static"
STATICFILES_DIRS: list[Any] = [BASE_DIR / "static"]
# The municipality's look: its name beside Kasam's in the header, a logo (a file in
# KASAM_BRAND_DIR, served as a static file) and its colour for buttons and links (a hex
# colour with at least 4.5:1 contrast against white). Designsystemet's neutral theme otherwise.
KASAM_BRAND_NAME = env_str("KASAM_BRAND_NAME", "")
KASAM_BRAND_LOGO = env_str("KASAM_BRAND_LOGO", "")
KASAM_BRAND_COLOUR = env_str("KASAM_BRAND_COLOUR", "")
# The letterhead of letters and reports: the municipality's postal address and contact
# (phone, e-mail, web), one line each.
KASAM_BRAND_ADDRESS = env_str("KASAM_BRAND_ADDRESS", "")
# The municipality's number (Norway's kommunenummer, Sweden's kommunkod: four digits), which
# the national register files (kasam.interop.registers) are sent under.
KASAM_MUNICIPALITY_NUMBER = env_str("KASAM_MUNICIPALITY_NUMBER", "")
if KASAM_MUNICIPALITY_NUMBER and not re.fullmatch(r"[0-9]{4}", KASAM_MUNICIPALITY_NUMBER):
    raise ImproperlyConfigured("KASAM_MUNICIPALITY_NUMBER is four digits, like 4601.")
KASAM_BRAND_CONTACT = env_str("KASAM_BRAND_CONTACT", "")
if KASAM_BRAND_COLOUR and not re.fullmatch(r"#[0-9a-fA-F]{6}", KASAM_BRAND_COLOUR):
    raise ImproperlyConfigured("KASAM_BRAND_COLOUR must be a colour like #0062BA.")
_BRAND_DIR = Path(env_str("KASAM_BRAND_DIR", str(PROJECT_DIR / "var" / "brand")))
if _BRAND_DIR.is_dir():
    STATICFILES_DIRS.append(("brand", _BRAND_DIR))
# Development serves straight from the apps' static folders; production runs collectstatic.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- API --------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "kasam.api.authentication.LanguageTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "kasam.api.errors.exception_handler",
    "DEFAULT_PARSER_CLASSES": [
        "kasam.core.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kasam API",
    "DESCRIPTION": "Case, care-plan and quality system for municipal health and care services.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "kasam.api.schema.document_errors",
    ],
    "ENUM_NAME_OVERRIDES": {
        "StaffRoleEnum": "kasam.core.roles.Role",
        "RelativeRoleEnum": "kasam.registry.models.Relative.Role",
        "AuditActionEnum": "kasam.audit.models.AuditEvent.Action",
        "AuditBasisEnum": "kasam.audit.models.AuditEvent.Basis",
        "ClientStatusEnum": "kasam.registry.models.Client.Status",
        "CaseStatusEnum": "kasam.cases.models.Case.Status",
        "DecisionStatusEnum": "kasam.decisions.models.Decision.Status",
        "PlanAgreementMethodEnum": "kasam.careplans.models.PlanVersion.Method",
        "VisitOutcomeEnum": "kasam.visits.models.Visit.Outcome",
        "VisitCancelledEnum": "kasam.visits.models.Visit.Cancelled",
        "ShiftPlaceEnum": "kasam.planner.models.Shift.Place",
        "ShiftModeEnum": "kasam.planner.models.Shift.Mode",
        "PlanRunStatusEnum": "kasam.planner.models.PlanRun.Status",
        "DecisionLineOutcomeEnum": "kasam.decisions.models.DecisionLine.Outcome",
        "FirstContactMethodEnum": "kasam.cases.models.FirstContact.Method",
        "CaseSourceEnum": "kasam.cases.models.Case.Source",
        "IndicatorSourceEnum": "kasam.indicators.models.Indicator.Source",
        "DeviationCategoryEnum": "kasam.quality.models.Deviation.Category",
        "FeedbackChannelEnum": "kasam.quality.models.Feedback.Channel",
        "CaseChannelEnum": "kasam.cases.models.Case.Channel",
    },
}

# --- Background work --------------------------------------------------------------------
# With no broker configured, tasks run in-process (eagerly). With one (RabbitMQ or Redis),
# a task is acknowledged only when done, so nothing is lost when a worker dies; tasks are
# written to be run again safely.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = KASAM_CACHE_URL or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "coming-visits": {
        "task": "kasam.visits.tasks.generate_coming_visits",
        "schedule": crontab(hour=2, minute=0),
    },
    "dashboard": {
        "task": "kasam.indicators.tasks.warm_dashboard",
        "schedule": crontab(hour=3, minute=0),
    },
    "audit-seal": {"task": "kasam.audit.tasks.seal_chain", "schedule": 5.0},
    "audit-seal-all": {
        "task": "kasam.audit.tasks.seal_chain",
        "schedule": crontab(minute=17),
        "kwargs": {"full": True},
    },
}
# Large exports and reports are made by a worker, with their progress shown, when there is
# one; without a broker they are made in the request (as before), as nothing else would.
KASAM_BACKGROUND_EXPORTS = env_bool("KASAM_BACKGROUND_EXPORTS", bool(CELERY_BROKER_URL))
# Each request seals its own audit entries into the hash chain unless a worker does it every
# few seconds (beat above): with a broker, requests do not wait for (or queue on) the seal.
KASAM_AUDIT_SEAL_IN_REQUEST = env_bool("KASAM_AUDIT_SEAL_IN_REQUEST", not CELERY_BROKER_URL)
# How far ahead the nightly task generates visits from the plans.
KASAM_VISITS_WEEKS_AHEAD = env_int("KASAM_VISITS_WEEKS_AHEAD", 3)
# Travel times for the planner: a road-network engine's matrix API (OSRM or Valhalla, at most
# one) when a URL is set, else straight-line distance × a detour factor at a speed per travel
# mode (km/h).
KASAM_TRAVEL_OSRM_URL = env_str("KASAM_TRAVEL_OSRM_URL", "")
KASAM_TRAVEL_VALHALLA_URL = env_str("KASAM_TRAVEL_VALHALLA_URL", "")
if KASAM_TRAVEL_OSRM_URL and KASAM_TRAVEL_VALHALLA_URL:
    raise ImproperlyConfigured("Set KASAM_TRAVEL_OSRM_URL or KASAM_TRAVEL_VALHALLA_URL, not both.")
KASAM_TRAVEL_DETOUR = float(env_str("KASAM_TRAVEL_DETOUR", "1.3"))
KASAM_TRAVEL_SPEEDS = {"car": 35.0, "bike": 15.0, "walk": 4.5}
# The planner's soft rules, in seconds of travel: a visit by someone other than the client's
# chosen staff, by someone who does not know the client, a second of overtime; how far
# past a shift's end a plan may go; a second of a worker's day past a fair share of the
# day's work (even workload, used when no overtime is allowed). A visit given to someone
# other than the chosen staff also costs the longest shift × the workload weight, so that
# an even workload never outweighs the client's choice. Continuity at 300 (five minutes of
# travel per visit by someone new to the client): over a planned fortnight of two units of
# the large demo it kept the median care team at 5-7 staff (a continuity-blind plan 7-9)
# for 5 % more travel; 900 made teams of 4-6 for 13 % more. The longest a manager may let
# the optimiser run.
KASAM_PLANNER_WEIGHTS = {
    "chosen": 3600,
    "continuity": 300,
    "overtime": 4,
    "max_overtime": 0,
    "workload": 1,
}
KASAM_PLANNER_MAX_SECONDS = env_int("KASAM_PLANNER_MAX_SECONDS", 600)
# The longest working day the planner may give anyone, travel, waiting and overtime included
# (hard). Norway's Working Environment Act §10-4 sets 9 h of ordinary time a day (10 by
# agreement); an installation sets its own agreements' limit here.
KASAM_PLANNER_MAX_WORK_HOURS = float(env_str("KASAM_PLANNER_MAX_WORK_HOURS", "10"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"axes": {"level": "WARNING"}},
}
