"""Checks every browser journey can run on the page it has reached."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

PHONE_WIDTH = 390


def assert_accessible_on_a_phone(page: Page) -> None:
    """No axe-core violation of any impact, and nothing wider than the phone (a wide table
    scrolls in its own box)."""
    found = Axe().run(page)
    assert found.violations_count == 0, found.generate_report()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, (
        f"the page is {width} px wide on a {PHONE_WIDTH} px phone: {widest(page)}"
    )


def widest(page: Page) -> list[str]:
    """The innermost elements that reach past the phone's edge, to say what to fix."""
    return page.evaluate(
        """(edge) => {
            const past = (e) => e.getBoundingClientRect().right > edge;
            const scrolls = (e) => e.closest('.table-wrap, header.top nav ul');
            return [...document.querySelectorAll('body *')]
                .filter((e) => past(e) && !scrolls(e) && ![...e.children].some(past))
                .slice(0, 5)
                .map((e) => `${e.tagName.toLowerCase()}.${e.className} `
                    + `"${e.textContent.trim().slice(0, 30)}"`);
        }""",
        PHONE_WIDTH,
    )
