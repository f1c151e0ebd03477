from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from django.views.static import serve

from shop.core.security import security_txt
from shop.payments.views import stripe_webhook

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("ocop/", include("shop.programme.urls")),
    path("bank-transfer/", include("shop.banktransfer.urls")),
    path("payments/stripe/webhook/", stripe_webhook, name="stripe-webhook"),
    path("api/", include("shop.wholesale.api.urls")),
    path(".well-known/security.txt", security_txt, name="security-txt"),
]

urlpatterns += i18n_patterns(
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("producers/", include("shop.producers.urls")),
    path("workspace/", include("shop.workspace.urls")),
    path("programme/", include("shop.programme.page_urls")),
    path("payments/", include("shop.payments.urls")),
    path("wholesale/", include("shop.wholesale.urls")),
    path("gifts/", include("shop.bundles.urls")),
    path("", include("shop.core.urls")),
    path("", include(apps.get_app_config("oscar").urls[0])),
    prefix_default_language=False,
)


def serve_media(request, path):
    """Serve an uploaded file from MEDIA_ROOT, read per request (tests point it elsewhere)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


if settings.SERVE_MEDIA:
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve_media, name="media")]
