"""Team invitations send email: a producer may send at most RATE_LIMITS["invitation"]."""

import pytest
from django.core import mail
from django.urls import reverse

from shop.workspace.models import Invitation

pytestmark = pytest.mark.django_db


def test_invitations_are_limited(client, producer_a, settings, django_capture_on_commit_callbacks):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "invitation": "3/h"}
    client.force_login(producer_a.user)
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            client.post(reverse("dashboard:workspace-team"), {"email": f"nv{n}@ocop.vn"})
        refused = client.post(reverse("dashboard:workspace-team"), {"email": "nv9@ocop.vn"})
    assert refused.status_code == 429
    assert Invitation.objects.count() == 3
    assert not [m for m in mail.outbox if "nv9@ocop.vn" in m.to]
