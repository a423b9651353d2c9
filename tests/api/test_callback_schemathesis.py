"""The endpoint against its own OpenAPI description, with schemathesis (R22).

Generated bodies are mostly refused (a random phone is rarely a phone, a random window
rarely lies ahead), so schemathesis' "schema-valid data is accepted" check does not apply;
the run checks what the description promises: no server error, a documented status code,
a body of the documented shape and content type, and that the token is really checked.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.api.conftest import AUTH, make_app

CHECKS = (
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
    schemathesis.checks.ignored_auth,
)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_endpoint_keeps_to_its_openapi_description(services: Any) -> None:
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", make_app(services))
    post = schema["/api/callbacks"]["POST"]

    @given(case=post.as_strategy())
    @settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
    def check(case: Any) -> None:
        case.call_and_validate(headers=AUTH, checks=CHECKS)

    check()
