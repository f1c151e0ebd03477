import pytest


@pytest.fixture
def eager_celery():
    """Tasks run in-process (the embedded default), whatever broker the environment names."""
    from marketplace.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield app
    app.conf.task_always_eager = previous
