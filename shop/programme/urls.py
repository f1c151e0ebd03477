from django.urls import path

from . import views

app_name = "programme"
urlpatterns = [
    path("stats.json", views.stats_json, name="stats-json"),
]
