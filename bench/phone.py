"""The care worker's worklist on a slow mobile connection, in Chromium (Playwright).

    KASAM_BENCH_REUSE=1 .venv/bin/python bench/phone.py     # the large demo on PostgreSQL
    KASAM_PHONE_RUNS=10 …                                   # loads per condition

Starts the production stack (scripts/serve) on the benchmark database, logs in as the demo
care worker ("care.worker") on a 390 px phone and loads the worklist under each network
condition (Chromium's own throttling through the DevTools protocol), first with an empty
browser cache and then with the service worker and cached assets in place. Prints, per
condition, the median and worst time until the worklist's first visit is on the screen,
and the bytes transferred (gzipped, as sent).
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from foundation import prepare
from load import PORT, serve

RUNS = int(os.environ.get("KASAM_PHONE_RUNS", "5"))
# name: (latency ms, download kbit/s, upload kbit/s), as Chrome DevTools' presets
CONDITIONS = {"slow 4G": (150, 1600 * 4, 750 * 4), "fast 3G": (563, 1440, 675)}


def _throttle(page: object, latency: int, down: int, up: int) -> None:
    session = page.context.new_cdp_session(page)  # type: ignore[attr-defined]
    session.send("Network.enable")
    session.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": latency,
            "downloadThroughput": down * 1000 / 8,
            "uploadThroughput": up * 1000 / 8,
        },
    )


def _load(page: object) -> tuple[float, int]:
    sent: list[int] = []
    page.on("response", lambda r: sent.append(int(r.headers.get("content-length") or 0)))  # type: ignore[attr-defined]
    started = time.perf_counter()
    page.goto("/visits/")  # type: ignore[attr-defined]
    page.locator("ol.cards li").first.wait_for()  # type: ignore[attr-defined]
    return (time.perf_counter() - started) * 1000, sum(sent)


def main() -> None:
    prepare("postgres")
    env = {
        **os.environ,
        "KASAM_ENV": "production",
        "SECRET_KEY": "phone-benchmark-only-" + "x" * 40,
        "KASAM_SSL_REDIRECT": "false",
        "KASAM_SECURE_COOKIES": "false",
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/3"),
        "KASAM_ALLOW_TEST_IDS": "true",
    }
    env.pop("CELERY_BROKER_URL", None)
    server = serve(env)
    from playwright.sync_api import sync_playwright

    from kasam.demo.generate import DEMO_PASSWORD

    try:
        with sync_playwright() as playwright:
            executable = shutil.which("chromium") or "/usr/bin/chromium"
            browser = playwright.chromium.launch(
                executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
            )
            for name, (latency, down, up) in CONDITIONS.items():
                context = browser.new_context(
                    base_url=f"http://127.0.0.1:{PORT}", viewport={"width": 390, "height": 844}
                )
                page = context.new_page()
                page.goto("/accounts/login/")
                page.locator("#id_username").fill("care.worker")
                page.locator("#id_password").fill(DEMO_PASSWORD)
                page.locator("form button[type=submit]").first.click()
                page.wait_for_url(lambda url: "/accounts/login" not in url)
                _throttle(page, latency, down, up)
                first, first_bytes = _load(page)  # assets fetched for the first time
                times = [_load(page)[0] for _ in range(RUNS)]
                print(
                    f"{name:8} first load {first:6.0f} ms ({first_bytes / 1024:.0f} KB);"
                    f" then median {statistics.median(times):6.0f} ms, worst {max(times):6.0f} ms"
                )
                context.close()
            browser.close()
    finally:
        server.terminate()


if __name__ == "__main__":
    main()
