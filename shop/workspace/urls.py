from django.urls import path

from . import views

app_name = "workspace"
urlpatterns = [
    path("apply/", views.ApplyView.as_view(), name="apply"),
    path("applications/<int:pk>/", views.ApplicationStatusView.as_view(), name="application"),
    path(
        "invitations/<str:token>/",
        views.AcceptInvitationView.as_view(),
        name="invitation-accept",
    ),
]
