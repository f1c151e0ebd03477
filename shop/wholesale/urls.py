from django.urls import path

from . import views

app_name = "wholesale"
urlpatterns = [
    path("", views.AccountView.as_view(), name="account"),
    path("register/", views.RegisterView.as_view(), name="register"),
    path("prices/", views.PriceListView.as_view(), name="price-list"),
    path("quick-order/", views.QuickOrderView.as_view(), name="quick-order"),
    path("quick-order/template.csv", views.csv_template, name="csv-template"),
    path("invoices/<int:number>.pdf", views.InvoicePdfView.as_view(), name="invoice-pdf"),
    path("orders/<str:number>/reorder/", views.ReorderView.as_view(), name="reorder"),
    path("quotes/new/", views.QuoteRequestView.as_view(), name="quote-request"),
    path("quotes/<int:pk>/accept/", views.QuoteAcceptView.as_view(), name="quote-accept"),
]
