"""The server against a ledger: the seeds indexed, drafts sent over HTTP get the findings of
`claimcheck check DRAFT --against LEDGER`, each naming the archived documents (source, date,
URL) with the archived claims quoted. The ledger is opened read-only unless indexing is on.

Cases: tests/cases/server/against.yaml (JSON drafts with expected findings) and every case of
tests/cases/ledger/ (uploaded as files, compared with the command line's output)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
import yaml

from checker.rulepack import load_rules
from tests.conftest import CASES, ROOT
from tests.conftest import run_cli as _run

pytest.importorskip("starlette", reason="the server tests need the serve extra")

from checker.server.app import create_app  # noqa: E402
from checker.server.backend import ledger_backend  # noqa: E402
from checker.server.settings import ServerSettings  # noqa: E402
from tests.serverkit import make_client  # noqa: E402

AGAINST = yaml.safe_load((CASES / "server" / "against.yaml").read_text(encoding="utf-8"))
LEDGER_CASES = sorted(p for p in (CASES / "ledger").iterdir() if (p / "case.yaml").is_file())
SEED0 = "000_0855d1e29bbb93d9"
TOKEN = "index-token-for-the-tests-0123456789"


def _rules(select: list[str]):
    rules = [r for r in load_rules() if r.id in select]
    missing = sorted(set(select) - {r.id for r in rules})
    if missing:
        pytest.skip(f"rule(s) {', '.join(missing)} not in the default pack yet")
    return rules


def _client(db: Path, select: list[str], **settings):
    backend = ledger_backend(db, _rules(select), allow_index=bool(settings.get("index_token")))
    return make_client(create_app(backend, ServerSettings(**settings)))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("case", AGAINST, ids=[c["name"] for c in AGAINST])
def test_draft_against_the_seeds(case: dict, seeds_ledger: Path) -> None:
    client = _client(seeds_ledger, case["select"])
    before = _digest(seeds_ledger)
    response = client.post("/api/check", json=case["draft"])
    assert response.status_code == 200, response.text
    data = response.json()
    assert not data["errors"]
    described = [(f["rule"], f["message"]) for f in data["findings"]]
    assert len(data["findings"]) == len(case["expect"]), described
    claims = {c["id"]: c for c in data["claims"]}
    documents = {d["id"]: d for d in data["documents"]}
    for finding, expected in zip(data["findings"], case["expect"], strict=True):
        assert finding["rule"] == expected["rule"]
        archived = {loc["doc"] for loc in finding["locations"]} - {data["draft"]["id"]}
        assert archived == set(expected["archived"])
        for doc_id, want in expected["archived"].items():
            meta = documents[doc_id]["meta"]
            assert meta["source"] == want["source"]
            assert set(meta) == {"source", "published", "url", "title"}
            quoted = [claims[cid] for cid in finding["claims"] if claims[cid]["doc"] == doc_id]
            assert quoted, "the archived claim is in the response"
            assert any(want["quote"] in c["text"] for c in quoted), quoted
            for c in quoted:
                assert c["line"] >= 1 and c["sentence"] and c["text"] in c["sentence"]
            assert documents[doc_id]["path"] == f"archive/{doc_id}"
    assert str(ROOT) not in response.text and str(seeds_ledger.parent) not in response.text
    assert _digest(seeds_ledger) == before


@pytest.mark.parametrize("rules", ["case", "all"])
@pytest.mark.parametrize("case_dir", LEDGER_CASES, ids=[p.name for p in LEDGER_CASES])
def test_upload_gives_the_findings_of_check_against(case_dir: Path, rules: str,
                                                    seeds_ledger: Path, tmp_path: Path) -> None:
    """With the case's rules, and with the whole default pack (whatever it holds today)."""
    case = yaml.safe_load((case_dir / "case.yaml").read_text(encoding="utf-8"))
    if rules == "all":
        case["select"] = [r.id for r in load_rules()]
    _rules(case["select"])
    db = seeds_ledger
    if case["archive"] != "seeds":
        db = tmp_path / "archive.db"
        assert _run("index", case_dir / case["archive"], "--ledger", db).exit_code == 0
    client = _client(db, case["select"])
    for draft in sorted((case_dir / "drafts").iterdir()):
        cli = _run("check", draft, "--against", db, "--select", ",".join(case["select"]),
                   "--format", "json")
        assert cli.exit_code in (0, 1), cli.output
        expected = json.loads(cli.output)
        response = client.post("/api/check", files={"file": (draft.name, draft.read_bytes())})
        assert response.status_code == 200, response.text
        got = response.json()
        assert _comparable(got) == _comparable(expected)
        assert got["summary"]["findings"] == expected["summary"]["findings"]


def _comparable(data: dict) -> list:
    """Findings without the paths (the server names no file of its own)."""
    return [
        {**f, "locations": [{k: v for k, v in loc.items() if k != "path"}
                            for loc in f["locations"]]}
        for f in data["findings"]
    ]


def test_ledger_stats_without_the_file_path(seeds_ledger: Path) -> None:
    client = _client(seeds_ledger, [])
    stats = client.get("/api/ledger").json()
    assert stats["documents"] == 2 and stats["claims"] > 0
    assert "path" not in stats and str(seeds_ledger) not in json.dumps(stats)
    assert client.get("/health").json()["ledger"] is True


def test_checks_open_the_ledger_read_only(seeds_ledger: Path, monkeypatch) -> None:
    import checker.ledger as ledger_pkg

    opened: list[bool] = []
    real = ledger_pkg.open_ledger

    def spy(path, *, write, **kw):
        opened.append(write)
        return real(path, write=write, **kw)

    monkeypatch.setattr(ledger_pkg, "open_ledger", spy)
    client = _client(seeds_ledger, [r.id for r in load_rules()])
    assert client.post("/api/check", json=AGAINST[0]["draft"]).status_code == 200
    assert client.get("/api/ledger").status_code == 200
    assert client.post("/api/documents", json={"id": "x", "text": "abc"}).status_code == 404
    assert opened and not any(opened)


ARTICLE = {"id": "bao-a-2021-06-01", "source": "Báo A", "published": "2021-06-01",
           "url": "https://baoa.example.vn/tin-1.html",
           "text": "Từ ngày 20/5/2021 đến ngày 31/5/2021 đã có 40 ca lây nhiễm COVID-19 "
                   "được phát hiện trong cộng đồng.\n"}
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_index_over_http(seeds_ledger: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(seeds_ledger, db)
    client = _client(db, [], index_token=TOKEN)
    assert client.post("/api/documents", json=ARTICLE).status_code == 401
    added = client.post("/api/documents", json=ARTICLE, headers=AUTH)
    assert added.status_code == 201, added.text
    assert added.json() == {"id": "bao-a-2021-06-01", "status": "added",
                            "claims": added.json()["claims"]}
    assert added.json()["claims"] > 0
    again = client.post("/api/documents", json=ARTICLE, headers=AUTH).json()
    assert again["status"] == "unchanged"
    changed = client.post("/api/documents", json={**ARTICLE, "text": ARTICLE["text"] + "Hết."},
                          headers=AUTH).json()
    assert changed["status"] == "updated" and changed["id"] == "bao-a-2021-06-01"
    upload = client.post("/api/documents", headers=AUTH, data={"source": "Báo B"},
                         files={"file": ("bao-b-tin-2.txt", ARTICLE["text"].encode())})
    assert upload.status_code == 201 and upload.json()["id"] == "bao-b-tin-2"
    assert client.get("/api/ledger").json()["documents"] == 4
    # Checking a draft writes nothing.
    assert client.post("/api/check", json={"text": ARTICLE["text"]}).status_code == 200
    assert client.get("/api/ledger").json()["documents"] == 4


def test_a_draft_meets_an_article_indexed_over_http(seeds_ledger: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(seeds_ledger, db)
    client = _client(db, ["count-mismatch"], index_token=TOKEN)
    assert client.post("/api/documents", json=ARTICLE, headers=AUTH).status_code == 201
    draft = {"text": ARTICLE["text"].replace("40 ca", "41 ca"), "source": "Báo Nháp",
             "published": "2021-06-02"}
    data = client.post("/api/check", json=draft).json()
    named = {loc["doc"] for f in data["findings"] if f["rule"] == "count-mismatch"
             for loc in f["locations"]}
    assert "bao-a-2021-06-01" in named
    meta = next(d["meta"] for d in data["documents"] if d["id"] == "bao-a-2021-06-01")
    assert meta == {"source": "Báo A", "published": "2021-06-01",
                    "url": "https://baoa.example.vn/tin-1.html", "title": None}


def test_a_vanished_ledger_is_a_503_without_its_path(seeds_ledger: Path, tmp_path: Path) -> None:
    db = tmp_path / "gone.db"
    shutil.copy(seeds_ledger, db)
    client = _client(db, [])
    db.unlink()
    response = client.post("/api/check", json={"text": "Ngày 3/5/2021 có 23 ca."})
    assert response.status_code == 503
    assert response.json()["error"] == "the archive is not available right now"
    assert str(tmp_path) not in response.text


def test_serve_refuses_a_bad_ledger_or_a_missing_token(tmp_path: Path, monkeypatch) -> None:
    result = _run("serve", "--ledger", tmp_path / "none.db")
    assert result.exit_code == 2 and "no such ledger" in result.output
    monkeypatch.delenv("CLAIMCHECK_INDEX_TOKEN", raising=False)
    result = _run("serve", "--ledger", tmp_path / "none.db", "--allow-index")
    assert result.exit_code == 2 and "CLAIMCHECK_INDEX_TOKEN" in result.output
    monkeypatch.setenv("CLAIMCHECK_INDEX_TOKEN", "short")
    result = _run("serve", "--ledger", tmp_path / "none.db", "--allow-index")
    assert result.exit_code == 2 and "at least 16 characters" in result.output


def test_concurrent_requests_get_what_one_request_gets(seeds_ledger: Path) -> None:
    """Forty checks from eight clients at once over real HTTP: each answer equals the answer
    to the same draft sent alone."""
    import threading

    import httpx

    from tests.serverkit import live_server

    drafts = [case["draft"] for case in AGAINST]
    app = create_app(ledger_backend(seeds_ledger, load_rules()), ServerSettings(workers=3))
    with live_server(app) as url:
        alone = [_comparable(httpx.post(url + "/api/check", json=d, timeout=30).json())
                 for d in drafts]
        problems: list[str] = []

        def client(k: int) -> None:
            with httpx.Client(base_url=url, timeout=60) as c:
                for i in range(5):
                    n = (k + i) % len(drafts)
                    r = c.post("/api/check", json=drafts[n])
                    if r.status_code != 200 or _comparable(r.json()) != alone[n]:
                        problems.append(f"client {k} request {i}: {r.status_code}")

        threads = [threading.Thread(target=client, args=(k,)) for k in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert problems == []
