import pytest


@pytest.fixture
def eager_celery(settings):
    """Tasks run in-process (the embedded default), whatever broker the environment names.

    Celery reads the Django settings live, so this is undone with the settings fixture (a
    value set on ``app.conf`` would stay for the rest of the session)."""
    from marketplace.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = True
    assert app.conf.task_always_eager
    return app
