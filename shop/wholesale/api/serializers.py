from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .. import services


class TierSerializer(serializers.Serializer):
    min_quantity = serializers.IntegerField()
    max_quantity = serializers.IntegerField(allow_null=True)
    unit_price_excl_tax = serializers.IntegerField()


class WholesaleSerializer(serializers.Serializer):
    min_quantity = serializers.IntegerField()
    case_size = serializers.IntegerField()
    vat_rate = serializers.DecimalField(max_digits=4, decimal_places=1)
    tiers = TierSerializer(many=True)


class ProductSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    sku = serializers.CharField()
    currency = serializers.CharField()
    price = serializers.IntegerField(help_text="Retail unit price, VAT included, whole dong.")
    stock = serializers.IntegerField(help_text="Units available to order.")
    wholesale = WholesaleSerializer(
        allow_null=True,
        help_text="Wholesale terms: only for buyers of a verified business, else null.",
    )


def product_data(record, business):
    terms = services.terms_for(record)
    data = {
        "id": record.product_id,
        "title": record.product.get_title(),
        "sku": record.partner_sku,
        "currency": record.price_currency,
        "price": int(record.price or 0),
        "stock": max(0, record.net_stock_level or 0),
        "wholesale": None,
    }
    if business is not None:
        data["wholesale"] = {
            "min_quantity": terms.min_quantity if terms else 1,
            "case_size": terms.case_size if terms else 1,
            "vat_rate": services.vat_rate(record),
            "tiers": [
                {
                    "min_quantity": row["min"],
                    "max_quantity": row["max"],
                    "unit_price_excl_tax": int(row["price"]),
                }
                for row in services.tier_rows(record)
            ],
        }
    return data


class OrderLineInputSerializer(serializers.Serializer):
    sku = serializers.CharField(max_length=128)
    quantity = serializers.IntegerField(min_value=1, max_value=1_000_000)


class OrderInputSerializer(serializers.Serializer):
    po_number = serializers.CharField(max_length=64)
    delivery_date = serializers.DateField(required=False, allow_null=True)
    store = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    lines = OrderLineInputSerializer(many=True, allow_empty=False, max_length=500)

    def validate_po_number(self, value):
        value = value.strip()
        if not value:
            raise serializers.ValidationError(_("Enter the purchase order number."))
        return value

    def validate_delivery_date(self, value):
        if value and value < timezone.localdate():
            raise serializers.ValidationError(_("The delivery date cannot be in the past."))
        return value

    def validate_store(self, value):
        if value is None:
            return None
        business = self.context["business"]
        store = business.stores.filter(pk=value).first()
        if store is None:
            raise serializers.ValidationError(_("Unknown store."))
        return store


class InvoiceSerializer(serializers.Serializer):
    number = serializers.CharField()
    status = serializers.CharField()
    issued_at = serializers.DateTimeField()
    due_date = serializers.DateField()
    total_excl_tax = serializers.IntegerField()
    total_tax = serializers.IntegerField()
    total_incl_tax = serializers.IntegerField()
    amount_paid = serializers.IntegerField()
    amount_due = serializers.IntegerField()
    overdue = serializers.BooleanField()
    pdf_url = serializers.CharField()


class OrderLineSerializer(serializers.Serializer):
    sku = serializers.CharField()
    title = serializers.CharField()
    quantity = serializers.IntegerField()
    unit_price_excl_tax = serializers.IntegerField()
    unit_price_incl_tax = serializers.IntegerField()


class OrderSerializer(serializers.Serializer):
    number = serializers.CharField()
    status = serializers.CharField()
    placed_at = serializers.DateTimeField()
    po_number = serializers.CharField()
    delivery_date = serializers.DateField(allow_null=True)
    store = serializers.IntegerField(allow_null=True)
    payment_terms = serializers.CharField()
    total_excl_tax = serializers.IntegerField()
    total_incl_tax = serializers.IntegerField()
    lines = OrderLineSerializer(many=True)
    invoice = InvoiceSerializer(allow_null=True)


def order_data(business_order, request=None):
    from django.urls import reverse

    order = business_order.order
    invoice = getattr(business_order, "invoice", None)
    invoice_data = None
    if invoice is not None:
        url = reverse("wholesale:invoice-pdf", kwargs={"number": invoice.number})
        invoice_data = {
            "number": invoice.display_number,
            "status": invoice.status,
            "issued_at": invoice.issued_at,
            "due_date": invoice.due_date,
            "total_excl_tax": int(invoice.total_excl_tax),
            "total_tax": int(invoice.total_tax),
            "total_incl_tax": int(invoice.total_incl_tax),
            "amount_paid": int(invoice.amount_paid),
            "amount_due": int(invoice.amount_due),
            "overdue": invoice.is_overdue,
            "pdf_url": request.build_absolute_uri(url) if request else url,
        }
    return {
        "number": order.number,
        "status": order.status,
        "placed_at": order.date_placed,
        "po_number": business_order.po_number,
        "delivery_date": business_order.delivery_date,
        "store": business_order.store_id,
        "payment_terms": business_order.payment_terms,
        "total_excl_tax": int(order.total_excl_tax),
        "total_incl_tax": int(order.total_incl_tax),
        "lines": [
            {
                "sku": line.partner_sku,
                "title": line.title,
                "quantity": line.quantity,
                "unit_price_excl_tax": int(line.unit_price_excl_tax),
                "unit_price_incl_tax": int(line.unit_price_incl_tax),
            }
            for line in order.lines.order_by("pk")
        ],
        "invoice": invoice_data,
    }
