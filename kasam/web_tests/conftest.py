"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium), never a download."""

from __future__ import annotations

import os
import shutil
import threading

import pytest
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class SerialWSGIServer(WSGIServer):
    """The live server answers one request at a time: a page and its service worker ask
    for several at once, and the test database on SQLite (one shared connection in memory)
    cannot run two transactions together. Django closes each connection when not threaded."""

    # While True, every connection is closed unanswered: the phone has no signal, whichever
    # part of the browser asks (Playwright's set_offline does not reliably reach a service
    # worker, playwright#2311).
    cut = False

    def __init__(self, *args: object, connections_override: object = None, **kwargs: object):
        super().__init__(*args, **kwargs)

    # Held while a request is answered: the database is flushed after each test only once
    # nothing is in flight (a request left over from a closed page, still reading, and the
    # flush's TRUNCATE deadlocked on PostgreSQL).
    busy = threading.Lock()

    def verify_request(self, request: object, client_address: object) -> bool:
        return not SerialWSGIServer.cut

    def process_request(self, request: object, client_address: object) -> None:
        with SerialWSGIServer.busy:
            super().process_request(request, client_address)

    @classmethod
    def quiet(cls) -> None:
        """Refuse new requests and wait for the one in flight to finish."""
        cls.cut = True
        with cls.busy:
            pass


LiveServerThread.server_class = SerialWSGIServer  # type: ignore[assignment]


@pytest.fixture(scope="session")
def browser():
    executable = os.environ.get("KASAM_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
    if not os.path.exists(executable):
        pytest.fail("Chromium is missing: run scripts/setup --browser (installs Debian's chromium)")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    yield page
    context.close()


_REFERENCE_DATA = [
    "kasam.cases.migrations.0002_default_case_types",
    "kasam.assessments.migrations.0002_national_scales",
    "kasam.decisions.migrations.0002_service_catalogue",
    "kasam.indicators.migrations.0002_shipped_indicators",
    "kasam.indicators.migrations.0005_breakdowns",
    "kasam.quality.migrations.0002_deviation_indicators",
    "kasam.surveys.migrations.0002_survey_indicators",
    "kasam.goals.migrations.0002_perspectives",
]


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """Browser tests flush the database after each test, and with it the reference data
    the migrations load (case types, scales, service catalogue): load it again. After the
    test (its pages closed), the live server is quieted before that flush."""
    import importlib

    from django.apps import apps

    from kasam.cases.models import CaseType

    SerialWSGIServer.cut = False  # a test that failed offline leaves the next one a signal
    if not CaseType.objects.exists():
        for module in _REFERENCE_DATA:
            importlib.import_module(module).load(apps, None)
    yield
    SerialWSGIServer.quiet()
