"""Rich text a producer can write is sanitised whenever it is saved, wherever from."""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from oscar.core.loading import get_model

from shop.producers.models import Producer

from .models import ProducerApplication
from .richtext import clean_html

Product = get_model("catalogue", "Product")

RICH_TEXT_FIELDS = {
    Product: ("description",),
    Producer: ("story", "story_en"),
    ProducerApplication: ("story",),
}


def _sanitise(sender, instance, **kwargs):
    for name in RICH_TEXT_FIELDS[sender]:
        value = getattr(instance, name)
        if value:
            setattr(instance, name, clean_html(value))


for _model in RICH_TEXT_FIELDS:
    receiver(pre_save, sender=_model, dispatch_uid=f"sanitise-{_model._meta.label}")(_sanitise)
