from tests.browser.conftest import browser, page  # noqa: F401 - Chromium for the browser test
