"""The VAT invoice (hóa đơn giá trị gia tăng) of a business order as a PDF.

Drawn with fpdf2 in DejaVu Sans (vendored in static/fonts/dejavu, with its licence), which has
every Vietnamese glyph. Amounts are whole dong with Vietnamese grouping.
"""

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from fpdf import FPDF

from . import services

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts" / "dejavu"


def dong(amount):
    value = int(Decimal(amount).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    return f"{value:,}".replace(",", ".") + " ₫"


def rate_label(rate):
    rate = Decimal(rate).normalize()
    return f"{rate:f}%"


def invoice_lines(invoice):
    """Lines as dicts: title, SKU, quantity, unit price before VAT, rate, VAT, totals."""
    order = invoice.business_order.order
    rows = []
    for line in order.lines.select_related("stockrecord").order_by("pk"):
        excl = line.line_price_excl_tax
        incl = line.line_price_incl_tax
        tax = incl - excl
        if line.stockrecord is not None:
            rate = services.vat_rate(line.stockrecord)
        elif excl:
            rate = (tax * 100 / excl).quantize(Decimal("0.1"))
        else:
            rate = Decimal("0")
        rows.append(
            {
                "title": line.title,
                "sku": line.partner_sku,
                "quantity": line.quantity,
                "unit_excl": line.unit_price_excl_tax,
                "rate": rate,
                "excl": excl,
                "tax": tax,
                "incl": incl,
            }
        )
    if order.shipping_incl_tax:
        rows.append(
            {
                "title": _("Delivery"),
                "sku": "",
                "quantity": 1,
                "unit_excl": order.shipping_excl_tax,
                "rate": Decimal("0"),
                "excl": order.shipping_excl_tax,
                "tax": order.shipping_incl_tax - order.shipping_excl_tax,
                "incl": order.shipping_incl_tax,
            }
        )
    return rows


def render_invoice_pdf(invoice):
    with translation.override(settings.LANGUAGE_CODE):
        return bytes(_render(invoice))


def _render(invoice):
    business_order = invoice.business_order
    business = business_order.business
    order = business_order.order
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_title(f"{_('VAT invoice')} {invoice.display_number}")
    pdf.set_author(settings.INVOICE_SELLER_NAME)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    width = pdf.epw

    pdf.set_font("DejaVu", "B", 15)
    pdf.cell(width, 9, _("VAT INVOICE"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9)
    issued = timezone.localtime(invoice.issued_at)
    pdf.cell(
        width,
        5,
        _("Number %(number)s · issued %(date)s")
        % {"number": invoice.display_number, "date": issued.strftime("%d/%m/%Y")},
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(4)

    def party(title, rows):
        pdf.set_font("DejaVu", "B", 10)
        pdf.cell(width, 6, title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 9)
        for label, value in rows:
            pdf.multi_cell(width, 5, f"{label}: {value}", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)

    party(
        _("Seller"),
        [
            (_("Name"), settings.INVOICE_SELLER_NAME),
            (_("Tax code"), settings.INVOICE_SELLER_TAX_CODE),
            (_("Address"), settings.INVOICE_SELLER_ADDRESS),
        ],
    )
    buyer_rows = [
        (_("Name"), business.name),
        (_("Tax code"), business.tax_code),
        (_("Address"), business.billing_address.replace("\n", ", ")),
        (_("Order"), order.number),
        (_("Purchase order (PO) number"), business_order.po_number),
    ]
    if business_order.store is not None:
        buyer_rows.append(
            (_("Deliver to store"), f"{business_order.store.name}, {business_order.store.address}")
        )
    if business_order.delivery_date:
        buyer_rows.append(
            (_("Requested delivery date"), business_order.delivery_date.strftime("%d/%m/%Y"))
        )
    buyer_rows.append((_("Payment terms"), business_order.get_payment_terms_display()))
    buyer_rows.append((_("Due date"), invoice.due_date.strftime("%d/%m/%Y")))
    party(_("Buyer"), buyer_rows)

    columns = [
        (_("Product"), 0.30, "L"),
        (_("Qty"), 0.07, "R"),
        (_("Unit price before VAT"), 0.15, "R"),
        (_("Amount before VAT"), 0.15, "R"),
        (_("VAT rate"), 0.08, "R"),
        (_("VAT"), 0.12, "R"),
        (_("Total"), 0.13, "R"),
    ]
    rows = invoice_lines(invoice)
    pdf.set_font("DejaVu", "B", 8)
    with pdf.table(
        col_widths=[c[1] * 100 for c in columns],
        text_align=[c[2] for c in columns],
        line_height=5,
        first_row_as_headings=True,
    ) as table:
        header = table.row()
        for title, _w, _a in columns:
            header.cell(title)
        pdf.set_font("DejaVu", "", 8)
        for row in rows:
            cells = table.row()
            title = row["title"] + (f" ({row['sku']})" if row["sku"] else "")
            cells.cell(title)
            cells.cell(str(row["quantity"]))
            cells.cell(dong(row["unit_excl"]))
            cells.cell(dong(row["excl"]))
            cells.cell(rate_label(row["rate"]))
            cells.cell(dong(row["tax"]))
            cells.cell(dong(row["incl"]))
    pdf.ln(3)

    # VAT summary by rate, then totals.
    by_rate = {}
    for row in rows:
        entry = by_rate.setdefault(row["rate"], [Decimal("0"), Decimal("0")])
        entry[0] += row["excl"]
        entry[1] += row["tax"]
    pdf.set_font("DejaVu", "", 9)
    for rate, (excl, tax) in sorted(by_rate.items()):
        pdf.cell(
            width,
            5,
            _("VAT %(rate)s on %(base)s: %(tax)s")
            % {"rate": rate_label(rate), "base": dong(excl), "tax": dong(tax)},
            align="R",
            new_x="LMARGIN",
            new_y="NEXT",
        )
    pdf.set_font("DejaVu", "B", 10)
    for label, value in (
        (_("Total before VAT"), invoice.total_excl_tax),
        (_("VAT amount"), invoice.total_tax),
        (_("Total to pay"), invoice.total_incl_tax),
    ):
        pdf.cell(width, 6, f"{label}: {dong(value)}", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 8)
    pdf.multi_cell(
        width,
        4,
        _("Currency: Vietnamese dong (VND). Please quote the invoice number when paying."),
    )
    return pdf.output()
