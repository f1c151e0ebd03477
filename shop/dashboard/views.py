"""The dashboard home: Oscar's for staff; a producer sees its own workspace summary."""

from oscar.apps.dashboard.views import *  # noqa: F403
from oscar.apps.dashboard.views import IndexView as CoreIndexView


class IndexView(CoreIndexView):
    """Oscar's figures count whole orders (other producers' lines included): producers get
    their own summary instead."""

    def get_template_names(self):
        if self.request.user.is_staff:
            return super().get_template_names()
        return ["workspace/dashboard/home.html"]

    def get_context_data(self, **kwargs):
        if self.request.user.is_staff:
            return super().get_context_data(**kwargs)
        from shop.workspace.dashboard import workspace_summary

        ctx = TemplateView.get_context_data(self, **kwargs)  # noqa: F405
        ctx.update(workspace_summary(self.request.user))
        return ctx
