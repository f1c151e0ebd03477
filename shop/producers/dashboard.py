"""Dashboard pages for producer profiles.

Staff with the producer permissions edit every profile (including "verified" and "shown
publicly"); a producer's own users (Oscar partner users with dashboard access) edit only their
own profile's public details. URLs are mounted by the forked dashboard app (shop.dashboard).
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.forms import inlineformset_factory
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import generic

from shop.regions.models import AdministrativeUnit, Level
from shop.workspace.images import reencoded_image
from shop.workspace.richtext import clean_html

from .models import Producer, ProducerPhoto

PROFILE_FIELDS = [
    "legal_type",
    "tax_code",
    "province",
    "district",
    "commune",
    "street_address",
    "story",
    "story_en",
    "logo",
    "representative",
    "phone",
    "email",
    "website",
    "founded_year",
]
STAFF_FIELDS = ["verified", "is_public"]
STAFF_PERMISSION = "producers.change_producer"


def is_producer_staff(user):
    return user.is_active and user.is_staff and user.has_perm(STAFF_PERMISSION)


def producers_for(user):
    """The producers ``user`` may edit from the dashboard."""
    queryset = Producer.objects.select_related("partner", "province", "district", "commune")
    if is_producer_staff(user):
        return queryset
    return queryset.filter(partner__users=user)


class UnitField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ProducerProfileForm(forms.ModelForm):
    class Meta:
        model = Producer
        fields = PROFILE_FIELDS + STAFF_FIELDS
        field_classes = {"province": UnitField, "district": UnitField, "commune": UnitField}
        widgets = {
            "story": forms.Textarea(attrs={"rows": 6}),
            "story_en": forms.Textarea(attrs={"rows": 6}),
        }

    def clean_logo(self):
        return checked_image(self.cleaned_data.get("logo"))

    def clean_story(self):
        return clean_html(self.cleaned_data.get("story", ""))

    def clean_story_en(self):
        return clean_html(self.cleaned_data.get("story_en", ""))

    def __init__(self, *args, staff=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not staff:
            for name in STAFF_FIELDS:
                del self.fields[name]
        scheme = settings.OCOP_REGION_SCHEME
        units = AdministrativeUnit.objects.filter(scheme=scheme)
        province_code = settings.OCOP_PROVINCE_CODE
        # Units of the programme's province, plus whatever the producer already has.
        current = [pk for pk in (self.instance.district_id, self.instance.commune_id) if pk]
        self.fields["province"].queryset = units.filter(level=Level.PROVINCE).order_by("name")
        in_province = Q(province__code=province_code) | Q(pk__in=current)
        self.fields["district"].queryset = units.filter(in_province, level=Level.DISTRICT).order_by(
            "name"
        )
        self.fields["commune"].queryset = units.filter(in_province, level=Level.COMMUNE).order_by(
            "parent__name", "name"
        )


def checked_image(image):
    """A new upload is checked (type, size, content) and re-encoded without metadata."""
    if image and hasattr(image, "content_type"):
        return reencoded_image(image)
    return image


class ProducerPhotoForm(forms.ModelForm):
    class Meta:
        model = ProducerPhoto
        fields = ["image", "caption", "display_order"]

    def clean_image(self):
        return checked_image(self.cleaned_data.get("image"))


PhotoFormSet = inlineformset_factory(
    Producer,
    ProducerPhoto,
    form=ProducerPhotoForm,
    fields=["image", "caption", "display_order"],
    extra=1,
    can_delete=True,
)


class ProducerListView(generic.ListView):
    template_name = "producers/dashboard/producer_list.html"
    context_object_name = "producers"
    paginate_by = 50

    def get_queryset(self):
        queryset = producers_for(self.request.user).order_by("partner__name")
        query = self.request.GET.get("q", "").strip()
        if query:
            queryset = queryset.filter(partner__name__icontains=query)
        return queryset

    def get(self, request, *args, **kwargs):
        if not is_producer_staff(request.user):
            own = list(producers_for(request.user)[:2])
            if len(own) == 1:
                return redirect("dashboard:producer-update", pk=own[0].pk)
        return super().get(request, *args, **kwargs)


class ProducerUpdateView(generic.UpdateView):
    template_name = "producers/dashboard/producer_form.html"
    context_object_name = "producer"
    form_class = ProducerProfileForm

    def get_object(self, queryset=None):
        return get_object_or_404(producers_for(self.request.user), pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "staff": is_producer_staff(self.request.user)}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("photo_formset", PhotoFormSet(instance=self.object))
        return ctx

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.get_form()
        photos = PhotoFormSet(request.POST, request.FILES, instance=self.object)
        if form.is_valid() and photos.is_valid():
            with transaction.atomic():
                form.save()
                photos.save()
            messages.success(request, _("The producer profile was saved."))
            return redirect("dashboard:producer-update", pk=self.object.pk)
        messages.error(request, _("Please correct the errors below."))
        return self.render_to_response(self.get_context_data(form=form, photo_formset=photos))
