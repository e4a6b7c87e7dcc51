"""The HTML report: self-contained, escaped, strict CSP; and in a real headless Chromium: no
console error, the finding count equals the JSON's, the filter works, and a hostile document
runs nothing."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.models import Report
from checker.render import html as html_render
from checker.render import json as json_render
from tests.browser import browser, open_page, severe  # noqa: F401 - browser is a fixture
from tests.conftest import SEEDS
from tests.reportcases import RENDER_CASES, build_report

PAYLOADS = ("<script>document.title='pwned'", "<img src=x onerror=", "<svg onload=",
            "</pre></mark><script>")


@pytest.fixture
def two_docs() -> Report:
    return build_report(RENDER_CASES / "two-documents.yaml")


@pytest.fixture
def hostile() -> Report:
    return build_report(RENDER_CASES / "hostile.yaml")


def _hostile_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "\"><img src=x onerror=document.title='pwned-file'>.md").write_text(
        "---\ntitle: \"<script>document.title='pwned-title'</script>\"\n"
        "source: \"\\\"><img src=x onerror=\\\"window.pwned=1\\\">\"\n---\n"
        "Thứ Ba, ngày 3/5/2021 <script>document.title='pwned';window.pwned=1</script>\n"
        "\"><img src=x onerror=\"document.title='pwned';window.pwned=1\"> 23 ca.\n",
        encoding="utf-8")
    (folder / "b.txt").write_text("</pre><script>window.pwned=1</script> 25 ca.\n",
                                  encoding="utf-8")
    return folder


def _cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code in (0, 1), result.output
    return result.stdout


# --- without a browser ---------------------------------------------------------------------

def test_self_contained_with_hashed_script_and_style(two_docs: Report) -> None:
    page = html_render.render(two_docs)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:|//)""", page)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert csp and "default-src 'none'" in csp.group(1) and "unsafe-inline" not in csp.group(1)
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    for source, directive in ((script, "script-src"), (style, "style-src")):
        digest = base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in csp.group(1)
    attributes = _attributes(page)
    assert not [a for a in attributes if a.startswith("on") or a == "style"]


def _attributes(page: str) -> set[str]:
    """Every attribute name used by a tag in the page."""
    names: set[str] = set()

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            names.update(name for name, _ in attrs)

    Collect().feed(page)
    return names


def test_every_payload_is_escaped(hostile: Report) -> None:
    page = html_render.render(hostile)
    assert page.count("<script") == 1 and page.count("<style") == 1
    for payload in PAYLOADS:
        assert payload not in page
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;" in page
    assert 'href="javascript:' not in page


def test_claims_are_marked_at_their_spans(two_docs: Report) -> None:
    page = html_render.render(two_docs)
    for n, claim in enumerate(two_docs.claims, start=1):
        assert f'<span id="k{n}"></span><mark class="claim k{n}' in page
        assert f'href="#k{n}"' in page or not any(claim.id in f.claims
                                                  for f in two_docs.findings)


# --- in Chromium ---------------------------------------------------------------------------

def _title_and_flag(driver) -> tuple[str, object]:
    return driver.title, driver.execute_script("return window.pwned === undefined ? null : 1")


def test_page_loads_clean_and_counts_match(browser, two_docs: Report, tmp_path: Path) -> None:  # noqa: F811
    logs = open_page(browser, html_render.render(two_docs), tmp_path)
    assert severe(logs) == []
    shown = browser.find_element("id", "finding-count").text
    assert int(shown) == len(json.loads(json_render.render(two_docs))["findings"]) == 5
    marks = browser.find_elements("css selector", "mark.flagged")
    assert marks and all(m.is_displayed() for m in marks)


def test_filter_by_severity_and_rule(browser, two_docs: Report, tmp_path: Path) -> None:  # noqa: F811
    open_page(browser, html_render.render(two_docs), tmp_path)
    shown = browser.find_element("id", "shown-count")
    browser.find_element("css selector", 'input.f-sev[value="error"]').click()
    assert shown.text == "3"
    visible = [li for li in browser.find_elements("css selector", "li.finding")
               if li.is_displayed()]
    assert {li.get_attribute("data-severity") for li in visible} == {"warning", "info"}
    browser.find_element("css selector", 'input.f-sev[value="error"]').click()
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("id", "f-rule")).select_by_value("count-mismatch")
    assert shown.text == "1"
    dim = browser.find_elements("css selector", "mark.flagged.dim")
    assert dim and all("k" in (m.get_attribute("class") or "") for m in dim)


def test_finding_link_focuses_its_claim(browser, two_docs: Report, tmp_path: Path) -> None:  # noqa: F811
    open_page(browser, html_render.render(two_docs), tmp_path)
    link = browser.find_element("css selector", "#f2 ul.where a")
    target = link.get_attribute("href").rsplit("#", 1)[1]
    link.click()
    focused = browser.find_elements("css selector", "mark.focus")
    assert focused and all(target in m.get_attribute("class").split() for m in focused)


@pytest.mark.parametrize("source", ["cli", "report"])
def test_hostile_document_runs_nothing(browser, hostile: Report, source: str,  # noqa: F811
                                       tmp_path: Path) -> None:
    if source == "cli":
        corpus = _hostile_corpus(tmp_path / "corpus")
        page = _cli("check", str(corpus), "--format", "html")
        expected = len(json.loads(_cli("check", str(corpus), "--format", "json"))["findings"])
    else:
        page = html_render.render(hostile)
        expected = len(hostile.findings)
    logs = open_page(browser, page, tmp_path)
    assert _title_and_flag(browser) == ("claimcheck report", None)
    assert severe(logs) == []
    assert browser.find_elements("css selector", "img, svg, iframe") == []
    body = browser.find_element("tag name", "body").text
    assert "<script>document.title='pwned';window.pwned=1</script>" in body
    assert int(browser.find_element("id", "finding-count").text) == expected


def test_csp_stops_a_script_that_escaping_missed(browser, two_docs: Report,  # noqa: F811
                                                 tmp_path: Path) -> None:
    """The policy is the second wall: a script injected into the page is refused."""
    page = html_render.render(two_docs).replace(
        "</main>", "</main><script>document.title='pwned'</script>")
    logs = open_page(browser, page, tmp_path)
    assert browser.title == "claimcheck report"
    assert any("Content Security Policy" in m for m in severe(logs))


def test_seeds_page_in_the_browser(browser, tmp_path: Path) -> None:  # noqa: F811
    page = _cli("check", str(SEEDS), "--format", "html")
    data = json.loads(_cli("check", str(SEEDS), "--format", "json"))
    logs = open_page(browser, page, tmp_path)
    assert severe(logs) == []
    assert int(browser.find_element("id", "finding-count").text) == len(data["findings"])


def test_cli_page_puts_two_documents_side_by_side(browser, tmp_path: Path) -> None:  # noqa: F811
    from tests.test_render_formats import _two_document_corpus

    corpus = _two_document_corpus(tmp_path / "corpus")
    page = _cli("check", str(corpus), "--format", "html")
    data = json.loads(_cli("check", str(corpus), "--format", "json"))
    logs = open_page(browser, page, tmp_path)
    assert severe(logs) == []
    assert int(browser.find_element("id", "finding-count").text) == len(data["findings"])
    columns = browser.find_elements("css selector", "div.side > div")
    assert [c.find_element("tag name", "h4").text for c in columns] == ["a", "b"]
    assert "source: Báo A · published: 2021-05-04" in columns[0].text
    assert "source: TPO · published: 2021-05" in columns[1].text
    assert [m.text for m in browser.find_elements("css selector", "div.side mark")] == \
        ["23 ca", "25 ca"]
