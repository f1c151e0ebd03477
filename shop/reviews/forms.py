"""The review form: title, score and text only (reviews are by signed-in buyers), bounded,
and always saved waiting for moderation."""

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.reviews import forms as oscar_forms
from oscar.core.loading import get_model

ProductReview = get_model("reviews", "ProductReview")

TITLE_MAX_LENGTH = 120
BODY_MAX_LENGTH = 3000
SCORES = [(score, score) for score in range(1, 6)]


class ProductReviewForm(forms.ModelForm):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH, strip=True)
    score = forms.TypedChoiceField(label=_("Score"), choices=SCORES, coerce=int)
    body = forms.CharField(
        label=_("Your review"),
        max_length=BODY_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": BODY_MAX_LENGTH}),
        help_text=_("%(count)s characters at most.") % {"count": BODY_MAX_LENGTH},
    )

    class Meta:
        model = ProductReview
        fields = ("title", "score", "body")

    def __init__(self, product, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.product = product
        self.instance.user = user
        self.fields["title"].widget.attrs["maxlength"] = TITLE_MAX_LENGTH

    def save(self, commit=True):
        # Published only once staff approve it in the reviews dashboard.
        self.instance.status = ProductReview.FOR_MODERATION
        return super().save(commit=commit)


VoteForm = oscar_forms.VoteForm
SortReviewsForm = oscar_forms.SortReviewsForm
