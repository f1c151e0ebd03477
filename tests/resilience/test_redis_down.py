"""With Redis stopped, every public page still answers, checkout still places an order, and
the cache errors are logged once, not once per request.

The test runs its own redis-server on a free port (never the shared one), points the cache
at it, warms the pages, then stops that server.
"""

import logging
import shutil
import socket
import subprocess
import time

import pytest
import redis
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace.celery import app as celery_app
from tests.checkout.test_flow import choose, place, to_payment_method

pytestmark = [pytest.mark.redis, pytest.mark.django_db]

Category = get_model("catalogue", "Category")
Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
Producer = get_model("producers", "Producer")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def own_redis():
    """A private redis-server: yields (url, process); stopped at the end whatever happens."""
    binary = shutil.which("redis-server")
    assert binary, "redis-server is not installed"
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 10
    while True:
        try:
            redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
            break
        except redis.ConnectionError:
            assert time.monotonic() < deadline, "the private redis-server did not start"
            time.sleep(0.05)
    try:
        yield url, process
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(10)


@pytest.fixture
def cache_on_own_redis(settings, own_redis):
    """settings.CACHES (as configured from REDIS_URL) pointed at the private server; Django's
    setting_changed receiver resets ``django.core.cache.caches``."""
    url, process = own_redis
    default = dict(settings.CACHES["default"])
    assert default["BACKEND"] == "django_redis.cache.RedisCache"
    # The rate-limit counters live in the same Redis and go down with it too.
    settings.CACHES = {
        **settings.CACHES,
        "default": {**default, "LOCATION": url},
        "ratelimit": {**settings.CACHES["ratelimit"], "LOCATION": url},
    }
    # Celery's broker is the same Redis in production: it goes down with it.
    # The app's connection and producer pools are set aside (not closed: the producer pool
    # holds the connection pool, and later tests publish through it) and restored after.
    previous = (celery_app.conf.broker_url, celery_app._pool, celery_app.amqp._producer_pool)
    celery_app.conf.broker_url = url
    celery_app._pool = celery_app.amqp._producer_pool = None
    try:
        yield url, process
    finally:
        if celery_app._pool is not None:
            celery_app._pool.force_close_all()
        celery_app.conf.broker_url, celery_app._pool, celery_app.amqp._producer_pool = previous


@pytest.fixture
def cache_log_filter():
    """The de-duplicating filter on django-redis's logger, with its memory cleared."""
    logger = logging.getLogger("django_redis.cache")
    filters = [f for f in logger.filters if hasattr(f, "seconds")]
    for log_filter in filters:
        log_filter._last.clear()
    # LOGGING puts a OncePerPeriod filter on django_redis.cache (a logging set-up run again in
    # this process adds another instance: each lets a record through once per period).
    assert filters, "LOGGING puts a OncePerPeriod filter on django_redis.cache"
    return filters[0]


def public_urls(demo):
    category = Category.objects.filter(depth__gt=1).first() or Category.objects.first()
    product = Product.objects.filter(
        is_public=True, parent__isnull=True, gift_bundle__isnull=True
    ).first()
    producer = Producer.objects.public().first()
    return [
        reverse("home"),
        reverse("catalogue:index"),
        category.get_absolute_url(),
        product.get_absolute_url(),
        reverse("search:search") + "?q=m%E1%BA%A1ch+nha",
        reverse("producers:list"),
        reverse("producers:detail", kwargs={"slug": producer.slug}),
        reverse("gifts:collection"),
        reverse("programme_page:figures"),
        demo["flatpage"],
        reverse("basket:summary"),
        reverse("customer:login"),
        "/en" + reverse("catalogue:index"),
    ]


@pytest.fixture
def demo(demo_data):
    page = FlatPage.objects.create(url="/gioi-thieu/", title="Giới thiệu", content="Chợ OCOP")
    page.sites.add(Site.objects.get_current())
    return {"flatpage": page.url}


def test_public_pages_and_checkout_answer_with_redis_stopped(
    client, demo, cache_on_own_redis, caplog
):
    for log_filter in logging.getLogger("django_redis.cache").filters:
        log_filter._last.clear()
    url, process = cache_on_own_redis
    urls = public_urls(demo)
    for path in urls:  # warm: the category paths and thumbnails are cached in Redis
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
    cached = redis.Redis.from_url(url).keys("*CATEGORY_URL_*")
    assert cached, "the category paths were not cached in the private Redis"

    process.terminate()
    process.wait(10)
    with pytest.raises(redis.ConnectionError):
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()

    caplog.set_level(logging.ERROR, logger="django_redis.cache")
    started = time.monotonic()
    for _round in range(2):
        for path in urls:
            response = client.get(path, follow=True)
            assert response.status_code == 200, (path, response.content.decode()[:2000])
    # Each page costs no more than a failed local connection per cache call.
    assert time.monotonic() - started < 120

    # Checkout: a cash-on-delivery order is placed (sessions are in the database).
    product = (
        Product.objects.filter(
            is_public=True,
            parent__isnull=True,
            gift_bundle__isnull=True,
            stockrecords__num_in_stock__gt=5,
        )
        .exclude(product_class__track_stock=False)
        .first()
    )
    to_payment_method(client, product, 1)
    assert choose(client, "cod").status_code == 302
    response = place(client)
    assert response.status_code == 302, response.content.decode()[:2000]
    order = Order.objects.get()
    assert order.sources.get().source_type.name == "COD"
    assert client.get(reverse("checkout:thank-you")).status_code == 200

    cache_errors = [r for r in caplog.records if r.name == "django_redis.cache"]
    assert len(cache_errors) == 1, [r.getMessage() for r in cache_errors]


def test_cache_errors_are_logged_again_after_the_period(cache_log_filter):
    logger = logging.getLogger("django_redis.cache")
    record = logger.makeRecord(
        logger.name, logging.ERROR, __file__, 1, "Exception ignored", (), None
    )
    assert cache_log_filter.filter(record)
    assert not cache_log_filter.filter(record)
    cache_log_filter._last[cache_log_filter._key(record)] -= cache_log_filter.seconds + 1
    assert cache_log_filter.filter(record)
