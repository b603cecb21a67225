"""Browser tests: Playwright driving Debian's Chromium (headless) against pytest-django's
live_server."""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the tests
# themselves (setting up data) are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def chromium():
    if not os.path.exists(CHROMIUM):
        pytest.fail(
            "Chromium tidak terpasang (apt-get install chromium): tes peramban tidak boleh "
            "dilewati."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def login(page, live_server, username: str, password: str = "lkip-demo-2024") -> None:
    page.goto(f"{live_server.url}/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/**")


@pytest.fixture
def demo_live(transactional_db):
    """The demo agency committed to the database, so the live server's own connection sees it."""
    from demo.opd import load_demo
    from lkip.models import PerangkatDaerah

    result, _users = load_demo()
    assert result.ok, result.errors
    return PerangkatDaerah.objects.get(kode="dinsos-kota-bekasi")


@pytest.fixture
def phone(chromium):
    """A page 390 px wide, as on a phone."""
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def potret(target, path, **options) -> None:
    """A screenshot of a page or element, to be looked at. Chromium under load now and then
    answers "Unable to capture screenshot" while a frame is being composed; it is asked again
    after a pause, and the third refusal fails the test."""
    from playwright.sync_api import Error

    page = getattr(target, "page", target)
    for attempt in range(3):
        try:
            target.screenshot(path=str(path), **options)
            return
        except Error as error:
            if "Unable to capture screenshot" not in str(error) or attempt == 2:
                raise
            page.wait_for_timeout(500 * (attempt + 1))
