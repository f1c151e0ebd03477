from django.urls import path

from . import dashboard, views

app_name = "payments"

urlpatterns = [
    path("card/<str:number>/<str:token>/", views.card_payment, name="card-payment"),
    path("card/<str:number>/<str:token>/return/", views.card_return, name="card-return"),
    path("dashboard/settings/", dashboard.payment_settings, name="settings"),
    path("dashboard/mismatches/", dashboard.MismatchListView.as_view(), name="mismatches"),
    path("dashboard/orders/<str:number>/refund/", views.staff_refund, name="staff-refund"),
]
