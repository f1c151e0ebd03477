"""Targets stated in the provincial report (Quảng Ngãi, 20 Oct 2022), kept for reference.

These are not computed: they are what the province set out to reach, shown beside the live
figures so staff can follow progress.
"""

from django.utils.translation import gettext_lazy as _

SOURCE = _(
    "Quảng Ngãi provincial meeting on developing, promoting and selling OCOP products "
    "(20 October 2022)"
)

TARGETS = [
    {
        "period": _("By 2025"),
        "text": _(
            "200 new OCOP products of 3 stars or more, of which 3–5 with potential for 5 stars"
        ),
        "value": 200,
    },
    {
        "period": _("In 2022"),
        "text": _("50 products certified at 3–4 stars, of which 5–7 upgraded from 3 to 4 stars"),
        "value": 50,
    },
    {
        "period": _("2018–2020 products"),
        # xgettext:no-python-format
        "text": _(
            "Keep 100% of the 2018–2020 products at 3 stars or more; upgrade about 15% to "
            "4 stars or more"
        ),
        "value": None,
    },
    {
        "period": _("Producers"),
        # xgettext:no-python-format
        "text": _(
            "10% of OCOP producers with 3-star-plus products working in a value-chain model, "
            "circular economy, “green OCOP” tied to stable raw-material zones"
        ),
        "value": None,
    },
    {
        "period": _("2018–2020 (original)"),
        "text": _("20–25 certified products (original target of the first phase)"),
        "value": 25,
    },
]
