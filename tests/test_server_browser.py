"""The page in real headless Chromium, driven by Selenium: it loads with no console error, an
editor can paste and check a draft with the keyboard alone, the findings shown are the API's,
a hostile draft runs no script, and the README's screenshot is taken from it."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.rulepack import load_rules
from tests.browser import browser, severe  # noqa: F401 - browser is a fixture
from tests.conftest import ROOT, SEEDS

pytest.importorskip("starlette", reason="the server tests need the serve extra")
pytest.importorskip("uvicorn", reason="the server tests need the serve extra")
pytest.importorskip("selenium", reason="selenium is not installed")

from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from checker.server.app import create_app  # noqa: E402
from checker.server.backend import ledger_backend  # noqa: E402
from tests.serverkit import live_server  # noqa: E402

SCREENSHOT = ROOT / "docs" / "serve.png"
CASES = ROOT / "tests" / "cases" / "server" / "browser"


def _draft(name: str) -> dict:
    return json.loads((CASES / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """A server whose ledger holds the seeds and an archived article full of markup."""
    db = tmp_path_factory.mktemp("archive") / "archive.db"
    indexed = CliRunner().invoke(main, ["index", str(SEEDS), str(CASES / "archive"),
                                        "--ledger", str(db)])
    assert indexed.exit_code == 0, indexed.output
    with live_server(create_app(ledger_backend(db, load_rules()))) as url:
        yield url


def _console_errors(driver) -> list[str]:
    return severe(driver.get_log("browser"))


def _open(driver, server: str) -> None:
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(server + "/")
    WebDriverWait(driver, 10).until(
        lambda d: d.find_element(By.ID, "archive-status").text.strip() != "")


def _paste(driver, draft: dict) -> None:
    box = driver.find_element(By.ID, "draft-text")
    box.clear()
    # A paste, as the clipboard would deliver it (send_keys types one key at a time).
    driver.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));",
        box, draft["text"])
    for field in ("source", "published", "title", "url"):
        el = driver.find_element(By.ID, f"meta-{field}")
        el.clear()
        if draft.get(field):
            el.send_keys(draft[field])


def _wait_for_results(driver) -> None:
    WebDriverWait(driver, 20).until(
        lambda d: d.find_element(By.ID, "status").text.startswith("Checked"))


def _shown_findings(driver) -> list[tuple[str, str, str, str]]:
    cards = driver.find_elements(By.CSS_SELECTOR, "#results .finding")
    return sorted(
        (c.get_attribute("data-rule"), c.get_attribute("data-severity"),
         c.find_element(By.CLASS_NAME, "message").get_attribute("textContent"),
         c.get_attribute("data-fingerprint"))
        for c in cards
    )


def _api_findings(server: str, draft: dict) -> dict:
    import httpx

    body = {k: v for k, v in draft.items() if k in ("text", "source", "published", "title",
                                                     "url") and v}
    return httpx.post(server + "/api/check", json=body, timeout=30).json()


def test_page_checks_a_draft_like_the_api(browser, server: str) -> None:  # noqa: F811
    _open(browser, server)
    assert _console_errors(browser) == []
    draft = _draft("agreeing.json")
    _paste(browser, draft)
    browser.find_element(By.ID, "check-button").click()
    _wait_for_results(browser)
    api = _api_findings(server, draft)
    assert _shown_findings(browser) == sorted(
        (f["rule"], f["severity"], f["message"], f["fingerprint"]) for f in api["findings"])
    counts = browser.find_element(By.ID, "counts").text
    assert counts.startswith(f"{len(api['findings'])} finding")
    # The draft is shown as it was sent, claims highlighted at their offsets.
    shown = "\n\n".join(e.get_attribute("textContent")
                        for e in browser.find_elements(By.CSS_SELECTOR, ".draft-text"))
    assert shown.split() == api["draft"]["text"].split()
    # Claims may overlap (an event's clause holds its date): the marks naming a claim, in
    # order, spell its text.
    marks = [(m.get_attribute("data-claims").split(), m.get_attribute("textContent"))
             for m in browser.find_elements(By.CSS_SELECTOR, "mark.claim")]
    draft_claims = [c for c in api["claims"] if c["doc"] == api["draft"]["id"]]
    for c in draft_claims:
        if len(c["text"]) == len(c["text"].strip()):
            spelled = "".join(text for ids, text in marks if c["id"] in ids)
            assert spelled.split() == c["text"].split(), c
    assert _console_errors(browser) == []


def test_hostile_draft_runs_nothing(browser, server: str) -> None:  # noqa: F811
    _open(browser, server)
    draft = _draft("hostile.json")
    _paste(browser, draft)
    browser.find_element(By.ID, "check-button").click()
    _wait_for_results(browser)
    assert browser.execute_script("return window.__pwned === undefined") is True
    assert browser.find_elements(By.CSS_SELECTOR, "#results img, #results script") == []
    text = "".join(e.get_attribute("textContent")
                   for e in browser.find_elements(By.CSS_SELECTOR, ".draft-text"))
    assert "<script>window.__pwned = 1</script>" in text
    assert '"><img src=x onerror="window.__pwned = 2">' in text
    # The outlet given with the draft is shown only as text as well.
    assert "<img" in browser.find_element(By.ID, "results").get_attribute("textContent")
    assert _console_errors(browser) == []


def test_hostile_archived_article_runs_nothing(browser, server: str) -> None:  # noqa: F811
    if "count-mismatch" not in {r.id for r in load_rules()}:
        pytest.skip("count-mismatch is not in the default pack yet")
    _open(browser, server)
    draft = _draft("hostile-against-archive.json")
    _paste(browser, draft)
    browser.find_element(By.ID, "check-button").click()
    _wait_for_results(browser)
    api = _api_findings(server, draft)
    assert "hostile-archive" in {loc["doc"] for f in api["findings"] for loc in f["locations"]}
    assert _shown_findings(browser) == sorted(
        (f["rule"], f["severity"], f["message"], f["fingerprint"]) for f in api["findings"])
    archive_side = browser.find_elements(By.CSS_SELECTOR, ".archive-side")
    assert archive_side, "the archived claim is quoted beside the draft's"
    shown = " ".join(e.get_attribute("textContent") for e in archive_side)
    assert '<img src=x onerror="window.__pwned = 5">' in shown
    assert browser.execute_script("return window.__pwned === undefined") is True
    assert browser.find_elements(By.CSS_SELECTOR, "#results img, #results script") == []
    hrefs = [a.get_attribute("href") or "" for a in
             browser.find_elements(By.CSS_SELECTOR, "#results a")]
    assert not [h for h in hrefs if not h.startswith(("http://", "https://"))], hrefs
    assert _console_errors(browser) == []


def test_refused_draft_says_why(browser, server: str) -> None:  # noqa: F811
    _open(browser, server)
    browser.find_element(By.ID, "check-button").click()
    error = browser.find_element(By.ID, "error")
    assert error.is_displayed() and "Paste a draft" in error.text
    _paste(browser, {"text": "Ngày 3/5/2021 có 23 ca.", "published": "hôm qua"})
    browser.find_element(By.ID, "check-button").click()
    WebDriverWait(browser, 10).until(lambda d: "422" in d.find_element(By.ID, "error").text)
    assert "published is not a date" in error.text
    assert not browser.find_element(By.ID, "results").is_displayed()


def test_keyboard_alone(browser, server: str) -> None:  # noqa: F811
    _open(browser, server)
    draft = _draft("agreeing.json")
    order = []
    for _ in range(12):
        # Keys go to whatever has focus, as a keyboard's would.
        _press(browser, Keys.TAB)
        active = browser.switch_to.active_element
        order.append(active.get_attribute("id"))
        if order[-1] == "draft-text":
            browser.execute_script("arguments[0].value = arguments[1]", active, draft["text"])
        if order[-1] == "check-button":
            break
    expected = ["draft-text", "draft-file", "meta-source", "meta-published", "meta-title",
                "meta-url", "check-button"]
    assert order == expected
    button = browser.switch_to.active_element
    outline = browser.execute_script(
        "return getComputedStyle(arguments[0]).outlineStyle", button)
    assert outline not in ("", "none")
    _press(browser, Keys.ENTER)
    _wait_for_results(browser)
    assert browser.switch_to.active_element.get_attribute("id") == "results-heading"
    total = len(browser.find_elements(By.CSS_SELECTOR, "#results .finding"))
    # The severity filters are checkboxes a Space toggles.
    for severity in ("error", "warning", "info"):
        box = browser.find_element(By.CSS_SELECTOR, f'input[name="severity"][value="{severity}"]')
        browser.execute_script("arguments[0].focus()", box)
        _press(browser, Keys.SPACE)
    WebDriverWait(browser, 5).until(ec.text_to_be_present_in_element((By.ID, "showing"),
                                                                     "Showing 0 of"))
    assert browser.find_elements(By.CSS_SELECTOR, "#results .finding:not([hidden])") == []
    assert browser.find_element(By.ID, "showing").text == (
        f"Showing 0 of {total} finding{'s' if total != 1 else ''}.")
    for tag in ("div", "span"):
        clickable = browser.execute_script(
            f"return [...document.querySelectorAll('{tag}')].filter(e => e.onclick).length")
        assert clickable == 0


def _press(driver, key: str) -> None:
    ActionChains(driver).send_keys(key).perform()


def test_screenshot_for_the_readme(browser, server: str, tmp_path: Path) -> None:  # noqa: F811
    """Taken on every run; written to docs/serve.png (the README's) only when
    CLAIMCHECK_UPDATE_SCREENSHOT=1, so a test run never changes a tracked file by itself."""
    _open(browser, server)
    _paste(browser, _draft("screenshot.json"))
    browser.find_element(By.ID, "check-button").click()
    _wait_for_results(browser)
    assert _console_errors(browser) == []
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1280, min(max(900, height + 40), 1700))
    browser.execute_script("document.activeElement.blur(); window.scrollTo(0, 0)")
    target = SCREENSHOT if os.environ.get("CLAIMCHECK_UPDATE_SCREENSHOT") == "1" else (
        tmp_path / "serve.png")
    assert browser.save_screenshot(str(target))
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert SCREENSHOT.is_file(), "docs/serve.png is committed for the README"
    browser.set_window_size(1200, 900)


def test_cases_exist() -> None:
    assert {p.name for p in Path(CASES).glob("*.json")} >= {
        "agreeing.json", "hostile.json", "screenshot.json", "hostile-against-archive.json"}
