"""Public pages of the workspace: applying to sell, accepting an invitation."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View, generic

from shop.core.ratelimit import limit_class

from . import services
from .forms import ApplicationForm
from .models import ProducerApplication


@limit_class("application", keys=("ip", "user_or_ip"))
class ApplyView(LoginRequiredMixin, generic.FormView):
    """A signed-in user applies to sell on the marketplace."""

    template_name = "workspace/apply.html"
    form_class = ApplicationForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if services.partners_of(request.user).exists():
                messages.info(request, _("Your account already acts for a producer."))
                return redirect("dashboard:index")
            pending = ProducerApplication.objects.filter(
                applicant=request.user, status=ProducerApplication.Status.PENDING
            ).first()
            if pending is not None:
                return redirect("workspace:application", pk=pending.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        user = self.request.user
        return {"email": user.email, "contact_name": user.get_full_name()}

    def form_valid(self, form):
        application = form.save(applicant=self.request.user)
        messages.success(
            self.request,
            _("Thank you: your application was sent. We will answer by email."),
        )
        return redirect("workspace:application", pk=application.pk)


class ApplicationStatusView(LoginRequiredMixin, generic.DetailView):
    template_name = "workspace/application_status.html"
    context_object_name = "application"

    def get_queryset(self):
        return ProducerApplication.objects.filter(applicant=self.request.user)


class AcceptInvitationView(LoginRequiredMixin, View):
    template_name = "workspace/invitation.html"

    def get(self, request, token):
        try:
            invitation = services.invitation_from_token(token)
        except services.WorkspaceError as exc:
            return render(request, self.template_name, {"error": str(exc)}, status=400)
        return render(request, self.template_name, {"invitation": invitation, "token": token})

    def post(self, request, token):
        try:
            invitation = services.accept_invitation(token, request.user)
        except services.WorkspaceError as exc:
            return render(request, self.template_name, {"error": str(exc)}, status=400)
        messages.success(
            request,
            _("You now work for %(producer)s.") % {"producer": invitation.partner.name},
        )
        return redirect("dashboard:index")
