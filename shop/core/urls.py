from django.urls import path

from shop.customer.views import password_reset

from . import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    # Oscar's password reset, rate-limited per address and per email (ahead of Oscar's URL).
    path("password-reset/", password_reset, name="password-reset"),
]
