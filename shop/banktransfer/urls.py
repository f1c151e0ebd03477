from django.urls import path

from . import views

app_name = "banktransfer"

urlpatterns = [
    path("<str:order_number>/qr.png", views.qr_png, name="qr-png"),
]
