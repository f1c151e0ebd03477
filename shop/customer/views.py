"""Account pages: the address book uses the Vietnamese address form.

"Update lists" (or choosing a province or district with JavaScript on) re-renders the form
with the districts and communes of the chosen units, and saves nothing.
"""

from oscar.apps.customer import views


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
