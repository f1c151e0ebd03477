"""Business buyers find the wholesale pages from every storefront page."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_header_links_to_wholesale_in_both_languages(client):
    home = client.get("/").content.decode()
    assert f'id="nav-wholesale" href="{reverse("wholesale:account")}"' in home
    assert "Bán sỉ" in home
    assert "Wholesale" in client.get("/en/").content.decode()


def test_the_link_leads_a_new_buyer_to_sign_in_then_to_registration(client, django_user_model):
    anonymous = client.get(reverse("wholesale:account"))
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]

    user = django_user_model.objects.create_user("mua", "mua@sieuthi.vn", "pw")
    client.force_login(user)
    signed_in = client.get(reverse("wholesale:account"))
    assert signed_in.status_code == 302
    assert signed_in["Location"] == reverse("wholesale:register")
    assert client.get(signed_in["Location"]).status_code == 200
