"""Settings for the OCOP marketplace.

Everything comes from environment variables (see the table in README.md). The defaults are
embedded and need no server: a SQLite file, a local-memory cache and Celery tasks run
in-process. ``DATABASE_URL`` switches to PostgreSQL, ``REDIS_URL`` to Redis for the cache and
the Celery broker. ``DEBUG=0`` turns on the production hardening that ``check --deploy`` asks
for.
"""

from datetime import timedelta as _timedelta
from pathlib import Path

import environ
from oscar.defaults import *  # noqa: F403

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env(
    "SECRET_KEY",
    default="dev-only-insecure-key-change-me-in-production-0123456789abcdefghijkl",
)
if not DEBUG and SECRET_KEY.startswith("dev-only-"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG=0")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_ID = 1

# --- Data stores -------------------------------------------------------------------------
DATA_DIR = Path(env("DATA_DIR", default=str(BASE_DIR / "var")))
DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue for the lock (up to 20 s) instead of failing with "database is locked"
    # when two shoppers check out at once; readers keep reading meanwhile (WAL).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                # Redis down is a cache miss, not an error page: every read answers "not
                # cached", every write is skipped, and a dead server costs at most these
                # timeouts (seconds) per cache call instead of hanging the request.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": env.float("REDIS_CONNECT_TIMEOUT", default=0.25),
                "SOCKET_TIMEOUT": env.float("REDIS_SOCKET_TIMEOUT", default=0.5),
            },
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="ocop"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The ignored Redis errors are logged (logger "django_redis.cache"), once per
# CACHE_ERROR_LOG_SECONDS for the same error (see LOGGING), not once per request.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
CACHE_ERROR_LOG_SECONDS = env.int("CACHE_ERROR_LOG_SECONDS", default=300)
# Sessions live in the database: a shopper's login and basket survive a Redis outage.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Celery ------------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool(
    "CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL.startswith(("redis", "amqp"))
)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"

# --- Applications ------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.humanize",
    "oscar.config.Shop",
    "shop.analytics.apps.AnalyticsConfig",
    "shop.checkout.apps.CheckoutConfig",
    "shop.address.apps.AddressConfig",
    "shop.shipping.apps.ShippingConfig",
    "catalogue_ext.apps.CatalogueConfig",
    "shop.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "shop.partner.apps.PartnerConfig",
    "shop.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "shop.order.apps.OrderConfig",
    "shop.customer.apps.CustomerConfig",
    "shop.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "shop.dashboard.apps.DashboardConfig",
    "shop.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "shop.dashboard.orders.apps.OrdersDashboardConfig",
    "shop.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "shop.dashboard.shipping.apps.ShippingDashboardConfig",
    # 3rd-party apps that Oscar depends on
    "widget_tweaks",
    "haystack",
    "treebeard",
    "sorl.thumbnail",
    "django_tables2",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "axes",
    # The marketplace's own apps
    "shop.core",
    "shop.regions",
    "shop.producers",
    "shop.showrooms",
    "shop.programme",
    "shop.payments.apps.PaymentsConfig",
    "shop.banktransfer.apps.BankTransferConfig",
    "shop.workspace.apps.WorkspaceConfig",
    "shop.notifications.apps.NotificationsConfig",
    "shop.wholesale.apps.WholesaleConfig",
    "shop.bundles.apps.BundlesConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "shop.core.middleware.RequestHygieneMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "shop.core.security.PaymentAwareCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.template.context_processors.i18n",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "shop.core.context_processors.storefront",
            ],
        },
    }
]

AUTHENTICATION_BACKENDS = (
    "axes.backends.AxesStandaloneBackend",
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language, time, money ---------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# First wins: the project's own strings (kept by makemessages), then the completion of
# Oscar's Vietnamese catalogue (its untranslated/fuzzy msgids), then the apps' catalogues.
LOCALE_PATHS = [BASE_DIR / "marketplace" / "locale", BASE_DIR / "marketplace" / "locale_oscar"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

OSCAR_DEFAULT_CURRENCY = "VND"
# VND has no minor unit: whole dong, Vietnamese grouping in every language ("125.000 ₫").
OSCAR_CURRENCY_FORMAT = {
    "VND": {"format": "#,##0\u00a0¤", "locale": "vi_VN", "currency_digits": True}
}

# --- Static and media --------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Media is served by the app when no front server does it (SERVE_MEDIA=1, default in DEBUG).
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)

# --- Email -------------------------------------------------------------------------------
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# EMAIL_URL (smtp://user:password@host:587, smtp+tls://…, smtp+ssl://…) sets the SMTP server;
# EMAIL_BACKEND, when set, wins (e.g. anymail.backends.sendgrid.EmailBackend with ANYMAIL).
if env("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
EMAIL_BACKEND = env("EMAIL_BACKEND", default=EMAIL_BACKEND)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
ANYMAIL = env.dict("ANYMAIL", default={})
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="OCOP Quảng Ngãi <no-reply@ocop.local>")
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL

# --- Oscar -------------------------------------------------------------------------------
# The province whose OCOP programme the shop presents (official code, pre-2025 scheme: 51 is
# Quảng Ngãi) and the administrative scheme its figures use.
OCOP_PROVINCE_CODE = env.int("OCOP_PROVINCE_CODE", default=51)
OCOP_REGION_SCHEME = env("OCOP_REGION_SCHEME", default="pre2025")

OSCAR_SHOP_NAME = env("SHOP_NAME", default="Chợ OCOP Quảng Ngãi")
OSCAR_SHOP_TAGLINE = "Đặc sản OCOP chứng nhận · Certified OCOP specialties"
OSCAR_HOMEPAGE = "/"
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_ALLOW_ANON_CHECKOUT = True
# A guest may check out with an email that has an account: refusing it would tell anyone
# which addresses are customers of the shop.
OSCAR_ALLOW_GUEST_CHECKOUT_WITH_ACCOUNT = True
OSCAR_GOOGLE_ANALYTICS_ID = None
OSCAR_USE_LESS = False
# Oscar's catalogue runs on Haystack. Our forked search app replaces every browse/search view
# with a database-backed one, so Haystack only needs an inert backend to import.
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"


def _add_dashboard_entry(sibling_url_name, entry):
    """Append ``entry`` to the dashboard menu section holding ``sibling_url_name``."""
    for section in OSCAR_DASHBOARD_NAVIGATION:
        children = section.get("children", [])
        if any(child.get("url_name") == sibling_url_name for child in children):
            children.append(entry)
            return


import copy as _copy  # noqa: E402

from django.utils.translation import gettext_lazy as _lazy  # noqa: E402

OSCAR_DASHBOARD_NAVIGATION = _copy.deepcopy(OSCAR_DASHBOARD_NAVIGATION)  # noqa: F405
_add_dashboard_entry(
    "dashboard:catalogue-product-list",
    {"label": _lazy("OCOP certificates"), "url_name": "dashboard:catalogue-certificate-list"},
)
_add_dashboard_entry(
    "dashboard:catalogue-product-list",
    {"label": _lazy("Gift bundles"), "url_name": "dashboard:bundle-list"},
)
_add_dashboard_entry(
    "dashboard:partner-list",
    {"label": _lazy("Producer profiles"), "url_name": "dashboard:producer-list"},
)
_add_dashboard_entry(
    "dashboard:order-list",
    {"label": _lazy("Shipping charges"), "url_name": "dashboard:shipping-method-list"},
)


def _staff_only(user, url_name, url_args=None, url_kwargs=None):
    """Menu access for pages outside Oscar's dashboard apps."""
    return user.is_staff


_add_dashboard_entry(
    "dashboard:order-list",
    {"label": _lazy("Payment methods"), "url_name": "payments:settings", "access_fn": _staff_only},
)
OSCAR_DASHBOARD_NAVIGATION.append(
    {
        "label": _lazy("Wholesale"),
        "icon": "fas fa-truck",
        "children": [
            {"label": _lazy("Businesses"), "url_name": "dashboard:wholesale-business-list"},
            {"label": _lazy("VAT invoices"), "url_name": "dashboard:wholesale-invoice-list"},
            {"label": _lazy("Wholesale prices"), "url_name": "dashboard:wholesale-tier-list"},
            {"label": _lazy("Quotes"), "url_name": "dashboard:wholesale-quote-list"},
        ],
    }
)

# The producer workspace: producers see their own sections (stock, CSV, sales, team), staff
# review producer applications. Shown by each page's dashboard permissions, and the workspace
# pages only to users who act for a producer.


def _workspace_access(user, url_name, url_args=None, url_kwargs=None):
    from shop.workspace.navigation import producer_access

    return producer_access(user, url_name, url_args, url_kwargs)


OSCAR_DASHBOARD_NAVIGATION.append(
    {
        "label": _lazy("My shop"),
        "icon": "fas fa-store",
        "children": [
            {
                "label": _lazy("Stock and prices"),
                "url_name": "dashboard:workspace-stock",
                "access_fn": _workspace_access,
            },
            {
                "label": _lazy("Upload stock (CSV)"),
                "url_name": "dashboard:workspace-stock-import",
                "access_fn": _workspace_access,
            },
            {
                "label": _lazy("Sales"),
                "url_name": "dashboard:workspace-sales",
                "access_fn": _workspace_access,
            },
            {
                "label": _lazy("Team"),
                "url_name": "dashboard:workspace-team",
                "access_fn": _workspace_access,
            },
        ],
    }
)
_add_dashboard_entry(
    "dashboard:partner-list",
    {"label": _lazy("Producer applications"), "url_name": "dashboard:producer-application-list"},
)

# --- Checkout: order statuses and cash on delivery ----------------------------------------
# Card and bank-transfer orders wait for payment; COD orders go straight to processing and
# are paid on delivery, up to COD_MAX_ORDER_TOTAL dong.
OSCAR_INITIAL_ORDER_STATUS = "pending_payment"
OSCAR_INITIAL_LINE_STATUS = "pending_payment"
OSCAR_ORDER_STATUS_PIPELINE = {
    "pending_payment": ("paid", "processing", "cancelled"),
    "paid": ("processing", "shipped", "cancelled"),
    "processing": ("paid", "shipped", "cancelled"),
    "shipped": ("delivered",),
    "delivered": ("paid",),
    "cancelled": (),
}
# Lines follow their order's status.
OSCAR_ORDER_STATUS_CASCADE = {
    s: s for s in ("paid", "processing", "shipped", "delivered", "cancelled")
}
OSCAR_LINE_STATUS_PIPELINE = {
    "pending_payment": ("paid", "processing", "shipped", "cancelled"),
    "paid": ("processing", "shipped", "cancelled"),
    "processing": ("paid", "shipped", "cancelled"),
    "shipped": ("delivered",),
    "delivered": (),
    "cancelled": (),
}
# The COD ceiling staff start from; they change it in the dashboard (Fulfilment → Payment
# methods), which then wins over this variable.
COD_MAX_ORDER_TOTAL = env.int("COD_MAX_ORDER_TOTAL", default=5_000_000)
# Vietnamese addresses have no postcode; a phone number is needed for delivery.
OSCAR_REQUIRED_ADDRESS_FIELDS = (
    "first_name",
    "last_name",
    "line1",
    "line4",
    "country",
    "phone_number",
)
# No basket holds more than 999 items.
OSCAR_MAX_BASKET_QUANTITY_THRESHOLD = 999

# --- Card payments (Stripe) ---------------------------------------------------------------
# Without both keys the card method is hidden. STRIPE_API_BASE empty = Stripe's real API
# (tests point it, and STRIPE_JS_URL, at a local fake speaking Stripe's wire format).
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env("STRIPE_API_BASE", default="")
STRIPE_JS_URL = env("STRIPE_JS_URL", default="https://js.stripe.com/v3/")

# --- Bank transfer (VietQR) --------------------------------------------------------------
# The shop's receiving account, encoded in the VietQR (NAPAS/EMVCo) code of each order. The
# defaults are demo values (Vietcombank's BIN with a made-up account): set real ones in
# production. Unpaid transfers are cancelled, and their stock released, after the timeout.
BANK_TRANSFER_BANK_BIN = env("BANK_TRANSFER_BANK_BIN", default="970436")
BANK_TRANSFER_ACCOUNT_NUMBER = env("BANK_TRANSFER_ACCOUNT_NUMBER", default="0123456789")
BANK_TRANSFER_ACCOUNT_NAME = env("BANK_TRANSFER_ACCOUNT_NAME", default="DEMO CHO OCOP QUANG NGAI")
BANK_TRANSFER_TIMEOUT_HOURS = env.int("BANK_TRANSFER_TIMEOUT_HOURS", default=48)
CELERY_BEAT_SCHEDULE = {
    "cancel-unpaid-bank-transfers": {
        "task": "shop.banktransfer.tasks.cancel_unpaid_transfers_task",
        "schedule": 15 * 60,
    },
    "retry-stripe-events": {
        "task": "shop.payments.tasks.retry_stripe_events_task",
        "schedule": 5 * 60,
    },
}

# --- Wholesale: business buyers, VAT invoices, the procurement API ---------------------------
# Wholesale tier prices are before VAT; VAT is added at the product's rate (default below, in
# percent). Invoices are issued by the marketplace operator (the seller on every VAT invoice),
# numbered SERIES-0000001, 0000002, … without gaps. Overdue invoices are reminded every
# WHOLESALE_REMINDER_INTERVAL_DAYS days.
WHOLESALE_DEFAULT_VAT_RATE = env.float("WHOLESALE_DEFAULT_VAT_RATE", default=10)
WHOLESALE_MAX_BASKET_QUANTITY = env.int("WHOLESALE_MAX_BASKET_QUANTITY", default=100_000)
WHOLESALE_REMINDER_INTERVAL_DAYS = env.int("WHOLESALE_REMINDER_INTERVAL_DAYS", default=7)
INVOICE_SERIES = env("INVOICE_SERIES", default="OCOP")
INVOICE_SELLER_NAME = env("INVOICE_SELLER_NAME", default="Công ty TNHH Chợ OCOP Quảng Ngãi (demo)")
INVOICE_SELLER_TAX_CODE = env("INVOICE_SELLER_TAX_CODE", default="4300123458")
INVOICE_SELLER_ADDRESS = env(
    "INVOICE_SELLER_ADDRESS", default="01 Hùng Vương, phường Trần Phú, TP. Quảng Ngãi, Quảng Ngãi"
)
CELERY_BEAT_SCHEDULE["sweep-stock-imports"] = {
    "task": "shop.workspace.tasks.sweep_stock_imports_task",
    "schedule": 5 * 60,
}
CELERY_BEAT_SCHEDULE["remind-overdue-invoices"] = {
    "task": "shop.wholesale.tasks.remind_overdue_invoices_task",
    "schedule": 6 * 60 * 60,
}
# Card payments: the order totals Stripe accepts for a VND charge (whole dong). Card is not
# offered outside them. Stripe's minimum is about 0.50 USD (13,000 dong); its maximum for VND
# is 8 digits.
STRIPE_MIN_AMOUNT_VND = env.int("STRIPE_MIN_AMOUNT_VND", default=13000)
STRIPE_MAX_AMOUNT_VND = env.int("STRIPE_MAX_AMOUNT_VND", default=99_999_999)

# --- Product reviews and gift bundle approval ------------------------------------------------
# Only signed-in buyers who received a product review it, and every review waits for staff
# moderation. Writing reviews and voting on them are limited per user and per IP address
# (django-ratelimit rates: "5/h" is five an hour). Producers' gift bundles wait for staff
# approval; no bundle sells below BUNDLE_MIN_PRICE_PERCENT % of its components' price (the
# share staff start from; they change it in the dashboard, which then wins).
OSCAR_ALLOW_ANON_REVIEWS = False
OSCAR_MODERATE_REVIEWS = True
REVIEWS_RATE_LIMIT = env("REVIEWS_RATE_LIMIT", default="5/h")
REVIEW_VOTES_RATE_LIMIT = env("REVIEW_VOTES_RATE_LIMIT", default="30/h")
BUNDLE_MIN_PRICE_PERCENT = env.int("BUNDLE_MIN_PRICE_PERCENT", default=70)
# --- Request size limits (bodies, uploads, form fields) -----------------------------------
# A body over these limits is refused with the shop's 400 page (Django's RequestDataTooBig /
# TooManyFieldsSent), before any view runs. Each upload field checks its own size as well.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = env.int("FILE_UPLOAD_MAX_MEMORY_SIZE", default=2 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = env.int("DATA_UPLOAD_MAX_NUMBER_FIELDS", default=2000)
DATA_UPLOAD_MAX_NUMBER_FILES = env.int("DATA_UPLOAD_MAX_NUMBER_FILES", default=20)
# A whole multipart request (files included) larger than this is refused with 413.
UPLOAD_MAX_REQUEST_BYTES = env.int("UPLOAD_MAX_REQUEST_BYTES", default=60 * 1024 * 1024)
# Wholesale quick order (typed rows) and bulk order (CSV file).
WHOLESALE_QUICK_ORDER_MAX_ROWS = env.int("WHOLESALE_QUICK_ORDER_MAX_ROWS", default=200)
WHOLESALE_CSV_MAX_ROWS = env.int("WHOLESALE_CSV_MAX_ROWS", default=1000)
WHOLESALE_CSV_MAX_BYTES = env.int("WHOLESALE_CSV_MAX_BYTES", default=1_000_000)
# Search box: longer queries are cut to this many characters.
SEARCH_MAX_QUERY_LENGTH = env.int("SEARCH_MAX_QUERY_LENGTH", default=100)

# --- Browser security headers: Content-Security-Policy, Permissions-Policy ---------------
# Scripts come only from the shop's static files and the card payment provider: no inline
# scripts, no eval. The one inline script left (Oscar's page initialisation in
# templates/oscar/base.html) carries the request's nonce. Styles allow inline style
# attributes, which Oscar's templates, Bootstrap, select2 and TinyMCE set (a style cannot run
# code). The payment provider's origins (STRIPE_JS_URL, STRIPE_API_BASE, Stripe's 3-D Secure
# frames) are added per response by shop.core.security.PaymentAwareCSPMiddleware.
from urllib.parse import urlsplit as _urlsplit  # noqa: E402

from csp.constants import NONCE, NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
# Browser features no page uses are off; the Payment Request API only for the shop and Stripe.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": ["self", "{0.scheme}://{0.netloc}".format(_urlsplit(STRIPE_JS_URL))],
    "usb": [],
}
# Static files (served by WhiteNoise before the policy above is applied) run nothing when
# opened as a document, e.g. an SVG.
STATIC_FILES_CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def _static_file_headers(headers, path, url):
    headers["Content-Security-Policy"] = STATIC_FILES_CONTENT_SECURITY_POLICY


WHITENOISE_ADD_HEADERS_FUNCTION = _static_file_headers
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Widget templates (e.g. Oscar's image input) load through TEMPLATES, so the project's
# overrides in templates/ apply to them as to pages.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
# Where security problems are reported (README "Security", /.well-known/security.txt).
SECURITY_CONTACT_EMAIL = env("SECURITY_CONTACT_EMAIL", default="security@ocop.local")
# --- Uploaded documents, CSV files and slugs ----------------------------------------------
# Files users upload that are not public product pictures (application scans, stock files)
# are kept outside MEDIA_ROOT in the "private" storage: /media/ never serves them, staff
# download them through views that check who asks (shop/core/storage.py).
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(DATA_DIR / "private")))
STORAGES["private"] = {"BACKEND": "shop.core.storage.PrivateFileStorage"}
# One slug function for every model and form: Vietnamese is transliterated (Mộ Đức → mo-duc).
OSCAR_SLUG_FUNCTION = "shop.core.slugs.slugify"

# --- Accounts and access: sign-in lockout, rate limits, the public address ---------------
# SITE_URL is the shop's public address: every link in an email starts with it, and the
# Site row (domain and name) is kept in step with it after each migrate.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
OSCAR_URL_SCHEMA = SITE_URL.split("://")[0]
# Sign-in (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords an account (whatever the
# address) and an address (whatever the account) are locked for LOGIN_COOLOFF_MINUTES; staff
# unlock them in the admin (Access attempts) or with `manage.py axes_reset_username`.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = _timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "shop.customer.lockout.username_of"
AXES_LOCKOUT_CALLABLE = "shop.customer.lockout.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "shop.customer.lockout.client_ip"
_add_dashboard_entry(
    "dashboard:users-index",
    {
        "label": _lazy("Locked sign-ins"),
        "url_name": "admin:axes_accessattempt_changelist",
        "access_fn": lambda user, *args, **kwargs: user.is_superuser,
    },
)
# Rate limits (django-ratelimit) on what sends mail or costs money, "count/period" per
# address and per targeted account; RATE_LIMITS=name=rate,... overrides one.
RATE_LIMITS = {
    "password_reset": "5/h",
    "register": "10/h",
    "quote": "20/h",
    "business_register": "5/h",
    "alert": "10/h",
    "application": "5/h",
    "invitation": "20/h",
    "place_order": "60/h",
    "api_anon": "60/min",
    "api_user": "600/min",
    **env.dict("RATE_LIMITS", default={}),
}
RATELIMIT_USE_CACHE = "ratelimit"
CACHES["ratelimit"] = (
    {
        **CACHES["default"],
        "BACKEND": "shop.core.ratelimit.RedisWithLocalFallback",
        "OPTIONS": {
            **CACHES["default"]["OPTIONS"],
            # Errors reach RedisWithLocalFallback, which counts locally instead.
            "IGNORE_EXCEPTIONS": False,
            "SOCKET_CONNECT_TIMEOUT": 1,
            "SOCKET_TIMEOUT": 1,
        },
    }
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ratelimit"}
)
# Without Redis the counters are per process (development, tests): say so once, not as an error.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"] + (
    [] if REDIS_URL else ["django_ratelimit.E003"]
)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "shop.wholesale.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": [
        "shop.core.ratelimit.AnonThrottle",
        "shop.core.ratelimit.UserThrottle",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "OCOP marketplace procurement API",
    "DESCRIPTION": "Products with wholesale prices and stock, business orders and invoices.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
}

# --- Notifications (outbox sent by Celery) ------------------------------------------------
# Staff who hear about every order (else every active staff account with an email).
OCOP_STAFF_EMAILS = env.list("OCOP_STAFF_EMAILS", default=[])
NOTIFICATIONS_MAX_ATTEMPTS = env.int("NOTIFICATIONS_MAX_ATTEMPTS", default=6)
NOTIFICATIONS_RETRY_BASE_SECONDS = env.int("NOTIFICATIONS_RETRY_BASE_SECONDS", default=60)
NOTIFICATIONS_LEASE_SECONDS = env.int("NOTIFICATIONS_LEASE_SECONDS", default=300)
PAYMENT_REMINDER_AFTER_HOURS = env.int("PAYMENT_REMINDER_AFTER_HOURS", default=24)
CELERY_BEAT_SCHEDULE.update(
    {
        "notifications-sweep-outbox": {
            "task": "shop.notifications.tasks.sweep_outbox_task",
            "schedule": 60,
        },
        "notifications-payment-reminders": {
            "task": "shop.notifications.tasks.payment_reminders_task",
            "schedule": 30 * 60,
        },
        "notifications-certificate-reminders": {
            "task": "shop.notifications.tasks.certificate_reminders_task",
            "schedule": 24 * 60 * 60,
        },
    }
)
_add_dashboard_entry(
    "dashboard:comms-list",
    {"label": _lazy("Outgoing messages"), "url_name": "dashboard:notifications-outbox"},
)

# --- Production hardening ----------------------------------------------------------------
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "once_per_period": {
            "()": "shop.core.logfilters.OncePerPeriod",
            "seconds": CACHE_ERROR_LOG_SECONDS,
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "django_redis.cache": {"filters": ["once_per_period"]},
    },
}
