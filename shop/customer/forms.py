"""Account forms: registration does not tell whether an email already has an account."""

from oscar.apps.customer import forms as oscar_forms
from oscar.apps.customer.forms import *  # noqa: F403
from oscar.apps.customer.utils import normalise_email


class EmailUserCreationForm(oscar_forms.EmailUserCreationForm):
    """Accepts a known email like any other: the view answers the same way and emails the
    owner instead (see ``views.RegisterWithoutDisclosureMixin``)."""

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])
