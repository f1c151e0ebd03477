"""Account pages: the address book uses the Vietnamese address form.

"Update lists" (or choosing a province or district with JavaScript on) re-renders the form
with the districts and communes of the chosen units, and saves nothing.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.hashers import make_password
from django.shortcuts import render
from django.urls import reverse_lazy
from oscar.apps.customer import views
from oscar.apps.customer.signals import user_registered
from oscar.core.loading import get_class
from oscar.views.decorators import login_forbidden

from shop.core.ratelimit import limit, limit_class

from .emails import send_existing_account_email
from .forms import EmailUserCreationForm

User = get_user_model()


class RefreshUnitsMixin:
    def address_being_edited(self):
        return None

    def post(self, request, *args, **kwargs):
        if "refresh_units" not in request.POST:
            return super().post(request, *args, **kwargs)
        self.object = self.address_being_edited()
        initial = {k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
        form = self.get_form_class()(request.user, initial=initial, instance=self.object)
        return self.render_to_response(self.get_context_data(form=form))


class AddressCreateView(RefreshUnitsMixin, views.AddressCreateView):
    pass


class AddressUpdateView(RefreshUnitsMixin, views.AddressUpdateView):
    def address_being_edited(self):
        return self.get_object()  # only the user's own addresses (get_queryset)


# --- Registration that does not disclose accounts, sign-out by POST, rate limits -------------


def _is_registration(request):
    return "registration_submit" in request.POST or request.resolver_match.url_name == "register"


class RegisterWithoutDisclosureMixin:
    """A known email gets the same answer as a new one ("check your inbox"), and its owner
    an email pointing to sign-in and password reset; nobody is signed in by registering."""

    registration_form_class = form_class = EmailUserCreationForm

    def register_user(self, form):
        email = form.cleaned_data["email"]
        owner = User._default_manager.filter(email__iexact=email).first()
        if owner is None:
            user = form.save()
            user_registered.send_robust(sender=self, request=self.request, user=user)
            if getattr(settings, "OSCAR_SEND_REGISTRATION_EMAIL", True):
                self.send_registration_email(user)
        else:
            make_password(form.cleaned_data["password1"])  # the same work as a new account
            send_existing_account_email(owner, self.request)
        return render(
            self.request, "oscar/customer/registration_sent.html", {"email": email}, status=200
        )


@limit_class(
    "register", keys=("ip", "post:email", "post:registration-email"), when=_is_registration
)
class AccountRegistrationView(RegisterWithoutDisclosureMixin, views.AccountRegistrationView):
    def form_valid(self, form):
        return self.register_user(form)


@limit_class("register", keys=("ip", "post:registration-email"), when=_is_registration)
class AccountAuthView(RegisterWithoutDisclosureMixin, views.AccountAuthView):
    def validate_registration_form(self):
        form = self.get_registration_form(bind_data=True)
        if form.is_valid():
            return self.register_user(form)
        return self.render_to_response(self.get_context_data(registration_form=form))


class LogoutView(views.LogoutView):
    """Signs out on POST only (with the CSRF token); a GET shows a page with the button."""

    http_method_names = ["get", "post", "head", "options"]

    def get(self, request, *args, **kwargs):
        return render(request, "oscar/customer/logout_confirm.html")

    def post(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


password_reset = limit("password_reset", keys=("ip", "post:email"))(
    login_forbidden(
        auth_views.PasswordResetView.as_view(
            form_class=get_class("customer.forms", "PasswordResetForm"),
            success_url=reverse_lazy("password-reset-done"),
            template_name="oscar/registration/password_reset_form.html",
        )
    )
)
