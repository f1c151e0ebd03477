"""The public programme-figures page (inside the language-prefixed URLs)."""

from django.urls import path

from . import views

app_name = "programme_page"
urlpatterns = [
    path("", views.ProgrammePageView.as_view(), name="figures"),
]
