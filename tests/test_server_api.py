"""The HTTP API over the plain pipeline: the contract, security headers, CORS, failures that
stay JSON, timeouts, indexing behind a token, and the command that starts it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from checker.cli import main
from checker.models import Document, DocumentMeta, Finding, Location, Report
from checker.rulepack import load_rules
from tests.conftest import ROOT

pytest.importorskip("starlette", reason="the server tests need the serve extra")

from checker.server.app import create_app  # noqa: E402
from checker.server.backend import Backend, pipeline_backend  # noqa: E402
from checker.server.drafts import parse_published  # noqa: E402
from checker.server.headers import SECURITY_HEADERS  # noqa: E402
from checker.server.settings import ServerSettings  # noqa: E402
from tests.serverkit import make_client, pipeline_app  # noqa: E402

DRAFT = (
    "TPO - Theo báo cáo, từ ngày 29/4/2021 đến ngày 03/5/2021 đã có 23 ca lây nhiễm "
    "COVID-19 được phát hiện.\n\nChiều 3/5, Bộ Công an họp trực tuyến.\n"
)


@pytest.fixture(scope="module")
def client():
    return make_client(pipeline_app())


def _findings_without_paths(data: dict) -> list[dict]:
    out = []
    for f in data["findings"]:
        f = dict(f)
        f["locations"] = [{k: v for k, v in loc.items() if k != "path"} for loc in f["locations"]]
        out.append(f)
    return out


def test_check_returns_the_cli_contract(client, tmp_path: Path) -> None:
    response = client.post("/api/check", json={"text": DRAFT})
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"documents", "findings", "summary", "errors", "claims", "draft"}
    assert data["draft"] == {"id": "draft", "name": "draft.txt", "text": DRAFT}
    assert data["documents"][0]["meta"]["source"] == "TPO"
    # The same text through `claimcheck check --format json` gives the same findings.
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    cli = CliRunner().invoke(main, ["check", str(path), "--format", "json", "--fail-on", "never"])
    expected = json.loads(cli.output)
    assert _findings_without_paths(data) == _findings_without_paths(expected)
    assert data["summary"] == expected["summary"]
    for claim in data["claims"]:
        assert DRAFT[claim["start"]:claim["end"]] == claim["text"]


def test_metadata_given_overrides_the_text(client) -> None:
    data = client.post("/api/check", json={
        "text": DRAFT, "source": "Tiền Phong", "published": "2021-05-04T08:30:59+07:00",
        "url": "https://tienphong.vn/a.html", "title": "Bản tin",
    }).json()
    assert data["documents"][0]["meta"] == {
        "source": "Tiền Phong", "published": "2021-05-04T08:30",
        "url": "https://tienphong.vn/a.html", "title": "Bản tin",
    }
    assert not [f for f in data["findings"] if f["rule"] == "missing-metadata"]


def test_markdown_upload_reads_front_matter(client) -> None:
    md = "---\nsource: VNE\npublished: 2021-05-04\n---\nNgày 3/5/2021 có 23 ca.\n"
    data = client.post("/api/check", files={"file": ("ban-tin.md", md.encode())}).json()
    assert data["documents"][0]["meta"]["source"] == "VNE"
    assert data["documents"][0]["meta"]["published"] == "2021-05-04"
    assert data["documents"][0]["path"] == "ban-tin.md"
    assert data["draft"]["text"] == md


def test_uploaded_file_name_never_becomes_a_path(client) -> None:
    data = client.post("/api/check", files={"file": ("../../etc/x.txt", DRAFT.encode())}).json()
    assert data["draft"]["name"] == "x.txt"


def test_security_headers_on_every_kind_of_response(client) -> None:
    responses = [
        client.get("/"), client.get("/static/app.js"), client.get("/static/app.css"),
        client.get("/health"), client.get("/api/rules"), client.get("/api/missing"),
        client.post("/api/check", json={"text": DRAFT}),
        client.post("/api/check", json={"text": ""}),
        client.post("/api/check", content=b"x", headers={"content-type": "text/plain"}),
    ]
    for r in responses:
        for name, value in SECURITY_HEADERS.items():
            assert r.headers.get(name) == value, (r.request.url, name)
        assert "access-control-allow-origin" not in r.headers
        assert "server" not in r.headers
    csp = SECURITY_HEADERS["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp


def test_page_and_assets_are_local(client) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "<script>" not in page.text and "style=" not in page.text  # no inline code
    assert "http://" not in page.text and "https://" not in page.text  # no external assets
    js = client.get("/static/app.js")
    assert "javascript" in js.headers["content-type"]
    assert not re.search(r"\.(innerHTML|outerHTML)\s*\+?=|insertAdjacentHTML|document\.write|"
                         r"\beval\(|new Function", js.text)
    assert "url(" not in client.get("/static/app.css").text  # no fonts or images fetched


def test_rules_health_and_no_ledger(client) -> None:
    rules = client.get("/api/rules").json()["rules"]
    assert [r["id"] for r in rules] == [r.id for r in load_rules()]
    assert set(rules[0]) == {"id", "check", "severity", "message", "description"}
    assert client.get("/health").json()["status"] == "ok"
    assert client.get("/api/ledger").status_code == 404


def test_cors_only_for_the_configured_origin() -> None:
    c = make_client(pipeline_app(cors_origins=("https://cms.example.vn",)))
    ok = c.options("/api/check", headers={
        "Origin": "https://cms.example.vn", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert ok.headers["access-control-allow-origin"] == "https://cms.example.vn"
    other = c.post("/api/check", json={"text": DRAFT}, headers={"Origin": "https://evil.test"})
    assert "access-control-allow-origin" not in other.headers


def _backend(check) -> Backend:
    return Backend(rules=load_rules(), check=check)


def test_a_crash_is_a_500_without_internals() -> None:
    def crash(docs):
        raise RuntimeError(f"database at {ROOT}/secret.db is on fire")

    c = make_client(create_app(_backend(crash)), raise_server_exceptions=False)
    r = c.post("/api/check", json={"text": DRAFT})
    assert r.status_code == 500
    assert r.json() == {"error": "internal server error; the details are in the server's log",
                        "status": 500}
    assert "secret" not in r.text and "Traceback" not in r.text
    for name, value in SECURITY_HEADERS.items():
        assert r.headers.get(name) == value


def test_a_slow_check_times_out_cleanly() -> None:
    def slow(docs):
        time.sleep(1.5)
        raise AssertionError("never reported")

    c = make_client(create_app(_backend(slow), ServerSettings(check_timeout=0.2)))
    started = time.monotonic()
    r = c.post("/api/check", json={"text": DRAFT})
    assert time.monotonic() - started < 1.2
    assert r.status_code == 503
    assert "did not finish within 0.2 s" in r.json()["error"]


def test_archive_paths_never_leave_the_server() -> None:
    archived = Document(id="000_seed", path=f"{ROOT}/archive/000_seed.txt",
                        meta=DocumentMeta(source="TPO", url="https://tienphong.vn/x"))

    def against(docs):
        draft = docs[0]
        finding = Finding(rule="count-mismatch", severity="error", message="23 vs 24",
                          locations=[
                              Location(doc=draft.id, path=draft.path, start=0, end=1, line=1,
                                       column=1),
                              Location(doc=archived.id, path=archived.path, start=0, end=1,
                                       line=1, column=1)])
        return Report(documents=[draft, archived], findings=[finding])

    r = make_client(create_app(_backend(against))).post("/api/check", json={"text": DRAFT})
    assert str(ROOT) not in r.text
    data = r.json()
    assert [d["path"] for d in data["documents"]] == ["draft.txt", "archive/000_seed"]
    assert [loc["path"] for loc in data["findings"][0]["locations"]] == [
        "draft.txt", "archive/000_seed"]


def test_indexing_exists_only_with_a_token() -> None:
    added: list[Document] = []

    def index(doc: Document) -> dict:
        added.append(doc)
        return {"id": doc.id, "claims": 0}

    backend = Backend(rules=load_rules(), check=pipeline_backend([]).check, index=index)
    closed = make_client(create_app(backend))
    assert closed.post("/api/documents", json={"id": "a", "text": DRAFT}).status_code == 404

    token = "s3cret-token-for-tests-0123456789"
    c = make_client(create_app(backend, ServerSettings(index_token=token)))
    article = {"id": "tpo-2021-05-03", "text": DRAFT, "published": "2021-05-03"}
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": token},
                    {"Authorization": "Bearer " + token + "x"},
                    {"Authorization": "Bearer tôi".encode()}):
        r = c.post("/api/documents", json=article, headers=headers)
        assert r.status_code == 401, headers
        assert r.headers["www-authenticate"] == "Bearer"
    assert not added
    r = c.post("/api/documents", json=article, headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 201, r.text
    assert added[0].id == "tpo-2021-05-03" and added[0].meta.published == "2021-05-03"
    bad = c.post("/api/documents", json={"id": "../x", "text": DRAFT},
                 headers={"Authorization": f"Bearer {token}"})
    assert bad.status_code == 422 and "id may hold only" in bad.json()["error"]
    up = c.post("/api/documents", files={"file": ("tin-ngay-3.txt", DRAFT.encode())},
                headers={"Authorization": f"Bearer {token}"})
    assert up.status_code == 201 and added[-1].id == "tin-ngay-3"


_PUBLISHED_SHAPE = r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2})?)?)?"


@given(st.text())
def test_parse_published_never_raises_anything_but_valueerror(text: str) -> None:
    try:
        out = parse_published(text)
    except ValueError:
        return
    assert re.fullmatch(_PUBLISHED_SHAPE, out)
    assert parse_published(out) == out


@given(st.dates(), st.integers(0, 23), st.integers(0, 59))
def test_parse_published_round_trips_dates(day, hour: int, minute: int) -> None:
    iso = day.isoformat()
    if day.year < 1000:
        return
    assert parse_published(iso) == iso
    assert parse_published(f"{iso}T{hour:02d}:{minute:02d}:07Z") == f"{iso}T{hour:02d}:{minute:02d}"
    assert parse_published(iso[:7]) == iso[:7]


def test_cli_imports_no_web_framework() -> None:
    code = "import sys, checker.cli; print('starlette' in sys.modules, 'uvicorn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False False"


@pytest.mark.parametrize("module", ["starlette", "uvicorn", "python_multipart"])
def test_serve_without_the_extra_is_one_line_and_exit_2(monkeypatch, module: str) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    if module == "python_multipart":
        monkeypatch.setitem(sys.modules, "multipart", None)
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "pip install 'claimcheck[serve]'" in lines[0], result.output
