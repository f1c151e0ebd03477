"""Time from an order's commit to its emails handed to the mail backend.

Places ``--orders`` orders of a throw-away product (one every ``--interval`` seconds), waits
until the worker has sent all their outbox messages, prints the median and 95th percentile
(per message, for the customer's confirmation, and per order until its last message), then
deletes what it created. Run it with a Celery worker running on the same database and broker.
"""

import statistics
import time
import uuid
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from oscar.core.loading import get_class, get_model

from shop.notifications import services
from shop.notifications.models import OutboxMessage


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--orders", type=int, default=100)
        parser.add_argument(
            "--interval", type=float, default=0.1, help="seconds between two orders"
        )
        parser.add_argument("--timeout", type=float, default=300)
        parser.add_argument("--keep", action="store_true", help="keep the orders created")

    def handle(self, *args, orders, interval, timeout, keep, **options):
        from marketplace.celery import app

        if orders < 1:
            raise CommandError("--orders must be at least 1")
        eager = bool(app.conf.task_always_eager)
        mode = "in-process (no broker)" if eager else f"worker via {app.conf.broker_url}"
        self.stdout.write(f"Delivery: {mode}; orders: {orders}, one every {interval}s")
        if not eager and not app.control.ping(timeout=2):
            raise CommandError("No Celery worker answers: start `celery -A marketplace worker`")

        tag = uuid.uuid4().hex[:8]
        fixtures = self._fixtures(tag, orders)
        placed = []  # (order pk, commit time)
        try:
            for n in range(orders):
                placed.append(self._place(fixtures, tag, n))
                if interval:
                    time.sleep(interval)
            self._wait([pk for pk, _t in placed], timeout)
            self._report(placed)
        finally:
            if not keep:
                self._cleanup(fixtures, [pk for pk, _t in placed], tag)

    # --- setup -----------------------------------------------------------------------------

    def _fixtures(self, tag, orders):
        Partner = get_model("partner", "Partner")
        Product = get_model("catalogue", "Product")
        ProductClass = get_model("catalogue", "ProductClass")
        StockRecord = get_model("partner", "StockRecord")
        user = get_user_model().objects.create_user(
            username=f"bench-{tag}", email=f"producer-{tag}@example.invalid"
        )
        partner = Partner.objects.create(name=f"Benchmark producer {tag}")
        partner.users.add(user)
        product_class, _created = ProductClass.objects.get_or_create(
            slug="benchmark-notifications",
            defaults={"name": "Benchmark", "requires_shipping": True, "track_stock": True},
        )
        product = Product.objects.create(
            title=f"Benchmark product {tag}",
            upc=f"BENCH-{tag}",
            product_class=product_class,
            structure="standalone",
            is_public=False,
        )
        StockRecord.objects.create(
            product=product,
            partner=partner,
            partner_sku=f"BENCH-{tag}",
            price=Decimal("100000"),
            price_currency="VND",
            num_in_stock=orders * 2,
        )
        return {"user": user, "partner": partner, "product": product}

    def _place(self, fixtures, tag, n):
        from shop.checkout import services as checkout

        Basket = get_model("basket", "Basket")
        Selector = get_class("partner.strategy", "Selector")
        Free = get_class("shipping.methods", "Free")
        OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
        basket = Basket.objects.create()
        basket.strategy = Selector().strategy()
        basket.add_product(fixtures["product"], quantity=1)
        method = Free()
        charge = method.calculate(basket)
        total = OrderTotalCalculator().calculate(basket, charge)
        committed = {}
        with transaction.atomic():
            # Runs first among the commit callbacks, i.e. right after the commit.
            transaction.on_commit(lambda: committed.setdefault("at", time.time()))
            order = checkout.place_order(
                basket=basket,
                total=total,
                shipping_method=method,
                shipping_charge=charge,
                order_number=f"B{tag}{n:05d}",
                guest_email=f"buyer-{tag}-{n}@example.invalid",
            )
        basket.submit()
        return order.pk, committed["at"]

    # --- measure ---------------------------------------------------------------------------

    def _wait(self, order_pks, timeout):
        deadline = time.monotonic() + timeout
        rows = OutboxMessage.objects.filter(order_id__in=order_pks)
        while time.monotonic() < deadline:
            if not rows.exclude(status=OutboxMessage.Status.SENT).exists():
                return
            time.sleep(0.25)
        left = rows.exclude(status=OutboxMessage.Status.SENT).count()
        raise CommandError(f"{left} message(s) still not sent after {timeout}s")

    def _report(self, placed):
        committed = dict(placed)
        per_message, customer, per_order = [], [], {}
        rows = OutboxMessage.objects.filter(order_id__in=committed).values_list(
            "order_id", "event", "sent_at"
        )
        for order_id, event, sent_at in rows:
            latency = (sent_at.timestamp() - committed[order_id]) * 1000
            per_message.append(latency)
            if event == services.ORDER_PLACED:
                customer.append(latency)
            per_order[order_id] = max(per_order.get(order_id, 0), latency)
        span = max(r[2].timestamp() for r in rows) - min(committed.values())
        self.stdout.write(
            f"{len(placed)} orders, {len(per_message)} messages sent in {span:.1f}s "
            f"({len(per_message) / span:.1f} messages/s)"
        )
        for label, values in (
            ("per message", per_message),
            ("customer confirmation", customer),
            ("order, until its last message", per_order.values()),
        ):
            values = list(values)
            self.stdout.write(
                f"  {label:32} median {statistics.median(values):7.0f} ms   "
                f"p95 {percentile(values, 0.95):7.0f} ms   max {max(values):7.0f} ms"
            )

    # --- cleanup ---------------------------------------------------------------------------

    def _cleanup(self, fixtures, order_pks, tag):
        Order = get_model("order", "Order")
        Email = get_model("communication", "Email")
        Basket = get_model("basket", "Basket")
        Order.objects.filter(pk__in=order_pks).delete()
        Email.objects.filter(email__endswith="@example.invalid", email__contains=tag).delete()
        Basket.objects.filter(lines__product=fixtures["product"]).delete()
        fixtures["product"].delete()
        fixtures["partner"].delete()
        fixtures["user"].delete()
