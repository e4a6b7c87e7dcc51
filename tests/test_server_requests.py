"""POST /api/check refuses bad requests with the right status and a clear JSON message
(cases in tests/cases/server/bad-requests.yaml), never a traceback or a server path."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import CASES, ROOT

pytest.importorskip("starlette", reason="the server tests need the serve extra")

from tests.serverkit import make_client, pipeline_app  # noqa: E402

BAD = yaml.safe_load((CASES / "server" / "bad-requests.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def client():
    return make_client(pipeline_app())


def _send(client, case: dict):
    if "big_text" in case:
        return client.post("/api/check", json={"text": "a" * case["big_text"]})
    if "json" in case:
        data = case["json"]
        if isinstance(data, dict):
            data = {k: ("x" * 2001 if v == "{long}" else v) for k, v in data.items()}
        return client.post("/api/check", json=data)
    if "files" in case:
        files = {k: (name, text.encode("utf-8")) for k, (name, text) in case["files"].items()}
        return client.post("/api/check", files=files, data=case.get("data") or {})
    headers = {"content-type": case["content_type"]} if "content_type" in case else {}
    return client.post("/api/check", content=case["content"].encode("utf-8"), headers=headers)


def assert_clean_error(response, status: int, message: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["status"] == status
    assert message in body["error"], body
    text = response.text
    assert "Traceback" not in text and str(ROOT) not in text and "/site-packages/" not in text
    return body


@pytest.mark.parametrize("case", BAD, ids=[c["name"] for c in BAD])
def test_bad_request(client, case: dict) -> None:
    assert_clean_error(_send(client, case), case["status"], case["message"])


def test_the_cases_cover_every_status() -> None:
    assert {c["status"] for c in BAD} == {400, 413, 415, 422}


def test_422_lists_each_field(client) -> None:
    body = assert_clean_error(
        client.post("/api/check", json={"text": 1, "published": "x", "extra": True}), 422, "",
    )
    assert {d["field"] for d in body["details"]} == {"text", "published", "extra"}


def test_size_is_checked_while_streaming(client) -> None:
    # No Content-Length: the body arrives in chunks and is cut off past the limit.
    def chunks():
        yield b'{"text": "'
        for _ in range(40):
            yield b"a" * 32768
        yield b'"}'

    response = client.post("/api/check", content=chunks(),
                           headers={"content-type": "application/json"})
    assert "content-length" not in {k.lower() for k in response.request.headers}
    assert_clean_error(response, 413, "larger than the limit")


def test_declared_size_is_refused_before_reading(client) -> None:
    response = client.post("/api/check", content=b"{}", headers={
        "content-type": "application/json", "content-length": str(5 * 1024 * 1024)})
    assert_clean_error(response, 413, "larger than the limit")


def test_limit_is_configurable() -> None:
    small = make_client(pipeline_app(max_body_bytes=2048))
    assert_clean_error(small.post("/api/check", json={"text": "a" * 4000}), 413, "2 KB")
    assert small.post("/api/check", json={"text": "Ngày 3/5/2021."}).status_code == 200


def test_upload_that_is_not_utf8(client) -> None:
    response = client.post("/api/check", files={"file": ("draft.txt", b"caf\xe9 23 ca\n")})
    assert_clean_error(response, 415, "not UTF-8")


def test_unknown_path_and_wrong_method_are_json(client) -> None:
    assert_clean_error(client.get("/api/nothing"), 404, "not found")
    assert_clean_error(client.get("/static/../pyproject.toml"), 404, "not found")
    response = client.get("/api/check")
    assert_clean_error(response, 405, "method not allowed")
    assert "POST" in response.headers["allow"]


def test_cases_file_is_where_the_test_reads_it() -> None:
    assert Path(CASES / "server" / "bad-requests.yaml").is_file()
