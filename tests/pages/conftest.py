"""The pages' fixtures: our test articles stored, a real HTTP server, a real browser.

The browser is Debian's Chromium (installed by `make test`), driven by
Playwright through its own protocol, one browser per session and a fresh
context (cookies, storage, clipboard) per test. The server is the app on the
test's database, served over real HTTP on a free port. Screenshots go to
var/screenshots/ (375 and 1280 px wide), for people to look at.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from bench.article import store_article
from schema.db import database
from tests.pages.articles import ENGLISH, HANBIT, REVIEW

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "var" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TIMEOUT_MS = 20_000  # explicit waits on a loaded two-core machine, never sleeps


@pytest.fixture
def articles(app) -> dict[str, list[int]]:
    """Our articles stored in the test's database: article id → its claims' ids."""
    with app.app_context(), database.connection_context():
        return {a.id: store_article(a) for a in (HANBIT, ENGLISH, REVIEW)}


@pytest.fixture
def server(app, articles) -> str:
    """The app served over HTTP on a free local port; its base URL."""
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://localhost:{httpd.server_port}"
    httpd.shutdown()
    thread.join(timeout=10)


def chromium_path() -> str:
    """Debian's Chromium; `make test` installs it (see the Makefile)."""
    found = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not found:
        pytest.fail("Chromium is not installed: run `make test`, which installs it")
    return found


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


def new_page(browser, *, width: int = 1280, javascript: bool = True):
    """A page in a fresh context: Korean locale, clipboard allowed, no shared cookies."""
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        locale="ko-KR",
        java_script_enabled=javascript,
        permissions=["clipboard-read", "clipboard-write"] if javascript else [],
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


@pytest.fixture
def page(browser):
    """A desktop-sized page with JavaScript."""
    tab = new_page(browser)
    yield tab
    tab.context.close()


@pytest.fixture
def phone(browser):
    """A 375 px wide page with JavaScript."""
    tab = new_page(browser, width=375)
    yield tab
    tab.context.close()


@pytest.fixture
def plain_page(browser):
    """A desktop-sized page with JavaScript disabled."""
    tab = new_page(browser, javascript=False)
    yield tab
    tab.context.close()


def screenshot(tab, name: str, *, full_page: bool = True) -> Path:
    """Save a screenshot (the whole page, or what the window shows) under var/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=full_page)
    return path
