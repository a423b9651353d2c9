"""POST /api/callbacks: every answer it gives, and GET /api/openapi.json (R22)."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from assistant.outbound.models import CallbackRequest
from tests.api.conftest import AUTH, make_app
from tests.db.test_callbacks import request

URL = "/api/callbacks"


def _rows(services: Any) -> int:
    with services.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(CallbackRequest)) or 0)


def test_a_new_request_is_201_and_a_repeat_200_with_the_same_id(client, services) -> None:
    first = client.post(URL, json=request("web-7"), headers=AUTH)
    assert first.status_code == 201
    again = client.post(URL, json=request("web-7"), headers=AUTH)
    assert again.status_code == 200 and again.json() == first.json()
    assert isinstance(first.json()["id"], int) and _rows(services) == 1


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic dGVzdA=="}],
)
def test_without_a_valid_token_it_is_401_and_nothing_is_written(client, services, headers) -> None:
    answer = client.post(URL, json=request(), headers=headers)
    assert answer.status_code == 401 and "Bearer" in answer.json()["error"]
    assert _rows(services) == 0


def test_with_no_token_configured_the_endpoint_is_off_never_open(services) -> None:
    with TestClient(make_app(services, callback_token=None)) as http:
        answer = http.post(URL, json=request(), headers=AUTH)
    assert answer.status_code == 503 and "DESK_CALLBACK_TOKEN" in answer.json()["error"]
    assert _rows(services) == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (request(phone="not a phone"), "phone"),
        (request(hours=-4), "window_to"),
        ({**request(), "consent": False}, "consent"),
        ({k: v for k, v in request().items() if k != "consent"}, "consent"),
        (request(company="c" * 201), "company"),
    ],
)
def test_bad_input_is_422_naming_each_field(client, services, body, field) -> None:
    answer = client.post(URL, json=body, headers=AUTH)
    assert answer.status_code == 422
    assert [e["field"] for e in answer.json()["errors"]] == [field]
    assert all(e["message"] for e in answer.json()["errors"])
    assert _rows(services) == 0


def test_a_reversed_window_a_body_not_json_and_one_too_large_are_422(client, services) -> None:
    reversed_ = request()
    reversed_["window_from"], reversed_["window_to"] = (
        reversed_["window_to"],
        reversed_["window_from"],
    )
    assert client.post(URL, json=reversed_, headers=AUTH).status_code == 422
    not_json = client.post(URL, content=b"{nope", headers=AUTH)
    assert not_json.status_code == 422 and not_json.json()["errors"][0]["field"] == "body"
    a_list = client.post(URL, json=[1, 2], headers=AUTH)
    assert a_list.status_code == 422
    huge = json.dumps(request(topic="t" * 17_000)).encode()
    too_large = client.post(URL, content=huge, headers=AUTH)
    assert too_large.status_code == 422 and "16 kB" in too_large.json()["errors"][0]["message"]
    assert _rows(services) == 0


def test_past_the_rate_limit_an_address_gets_429(services) -> None:
    with TestClient(make_app(services, callback_rate_limit="3/minute")) as http:
        codes = [http.post(URL, json=request(f"r{i}"), headers=AUTH).status_code for i in range(5)]
    assert codes == [201, 201, 201, 429, 429]
    assert _rows(services) == 3


def test_the_answers_speak_the_language_asked_for(client) -> None:
    answer = client.post(URL, json=request(phone="??"), headers={**AUTH, "Accept-Language": "hr"})
    assert answer.status_code == 422
    assert "nije" in answer.json()["errors"][0]["message"]


def test_the_openapi_description_names_every_answer(client) -> None:
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    post = spec["paths"][URL]["post"]
    assert set(post["responses"]) == {"200", "201", "401", "422", "429", "503"}
    schema = post["requestBody"]["content"]["application/json"]["schema"]
    assert set(schema["required"]) == {
        "request_id", "name", "phone", "window_from", "window_to", "consent",
    }  # fmt: skip


def test_twenty_concurrent_posts_of_one_request_id_make_one_row(client, services) -> None:
    start = threading.Barrier(20)
    answers: list[tuple[int, int]] = []

    def post() -> None:
        start.wait()
        answer = client.post(URL, json=request("twenty"), headers=AUTH)
        answers.append((answer.status_code, answer.json()["id"]))

    threads = [threading.Thread(target=post) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(code for code, _id in answers) == [200] * 19 + [201]
    assert len({id_ for _code, id_ in answers}) == 1
    assert _rows(services) == 1
