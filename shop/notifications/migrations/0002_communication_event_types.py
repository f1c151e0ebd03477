"""The communication event types of the shop's messages (templates stay empty: the files
shipped with the shop are used until staff edit them in the communications dashboard)."""

from django.db import migrations

EVENT_TYPES = {
    "ORDER_PLACED": "Đơn hàng mới — khách hàng (Order placed — customer)",
    "ORDER_PLACED_PRODUCER": "Đơn hàng mới — nhà sản xuất (Order placed — producer)",
    "ORDER_PLACED_STAFF": "Đơn hàng mới — nhân viên (Order placed — staff)",
    "PAYMENT_RECEIVED": "Đã nhận thanh toán (Payment received)",
    "PAYMENT_REMINDER": "Nhắc thanh toán chuyển khoản (Bank transfer reminder)",
    "ORDER_CANCELLED": "Đơn hàng bị hủy (Order cancelled)",
    "ORDER_REFUNDED": "Đã hoàn tiền (Order refunded)",
    "LINES_SHIPPED": "Đã gửi hàng (Lines shipped)",
    "ORDER_DELIVERED": "Đã giao hàng (Order delivered)",
    "LOW_STOCK": "Sắp hết hàng (Low stock)",
    "CERTIFICATE_EXPIRING": "Chứng nhận OCOP sắp hết hạn (Certificate expiring)",
    "CERTIFICATE_EXPIRED": "Chứng nhận OCOP đã hết hạn (Certificate expired)",
}
USER_RELATED = {"LOW_STOCK", "CERTIFICATE_EXPIRING", "CERTIFICATE_EXPIRED"}


def add_event_types(apps, schema_editor):
    CommunicationEventType = apps.get_model("communication", "CommunicationEventType")
    for code, name in EVENT_TYPES.items():
        CommunicationEventType.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "category": "User related" if code in USER_RELATED else "Order related",
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("communication", "0004_auto_20200801_0817"),
    ]

    operations = [migrations.RunPython(add_event_types, migrations.RunPython.noop)]
