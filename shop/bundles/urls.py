from django.urls import path

from . import views

app_name = "gifts"

urlpatterns = [
    path("", views.GiftCollectionView.as_view(), name="collection"),
    path("<int:pk>/availability/", views.availability_json, name="availability"),
    path("options/", views.GiftOptionsView.as_view(), name="options"),
    path("packing-slip/<str:number>/", views.PackingSlipView.as_view(), name="packing-slip"),
]
