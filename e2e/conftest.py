"""Fixtures for the end-to-end tests: Debian's Chromium driven by Playwright against
pytest-django's live server (a real HTTP server in a thread of the test process).

`playwright install` is never needed: the browser is the system `chromium`. When it is
missing, the browser tests are skipped with the reason (shown by `pytest -ra`).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest

SKIP_REASON = "Chromium is not installed (apt-get install chromium); skipping the browser test"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 15_000


@dataclass
class BrowserLog:
    """What the pages said: console errors, uncaught exceptions and HTTP statuses."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    responses: dict[str, int] = field(default_factory=dict)

    def csp_violations(self) -> list[str]:
        return [e for e in self.console_errors if "Content Security Policy" in e]


@pytest.fixture(autouse=True)
def _allow_orm_beside_playwright(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Playwright sync API runs an asyncio event loop in the test thread, so Django
    refuses ORM calls there (SynchronousOnlyOperation). Allow them, for the e2e tests
    only: set here rather than at import so the rest of the suite keeps the check."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        pytest.skip(SKIP_REASON)
    return path


@pytest.fixture
def browser(chromium_path: str, transactional_db: None) -> Iterator[object]:
    """A headless Chromium; depends on transactional_db so that the database is
    flushed only after the browser (and Playwright's event loop) is gone."""
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def browser_log() -> BrowserLog:
    return BrowserLog()


@pytest.fixture
def new_context(browser, live_server, browser_log: BrowserLog) -> Callable[..., object]:
    """Open a fresh browser context (its own cookies: one person) on the live server,
    recording console errors, page errors and responses into `browser_log`."""

    def make(**options: object) -> object:
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(TIMEOUT_MS)

        def on_console(message: object) -> None:
            if message.type == "error":
                browser_log.console_errors.append(f"{message.text} ({message.location})")

        def on_page(page: object) -> None:
            page.on("pageerror", lambda error: browser_log.page_errors.append(str(error)))

        def on_response(response: object) -> None:
            browser_log.responses[response.url] = response.status

        context.on("console", on_console)
        context.on("page", on_page)
        context.on("response", on_response)
        return context

    return make
