"""The OpenAPI 3 description of the call-back endpoint, served at /api/openapi.json.

Written by hand: one operation, and the limits are the ones callback_input checks.
"""

from __future__ import annotations

from typing import Any

from assistant.outbound.callback_input import LIMITS


def _text(field: str, *, nullable: bool = False) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", "minLength": 1, "maxLength": LIMITS[field]}
    return {**schema, "nullable": True} if nullable else schema


_ERRORS = {
    "type": "object",
    "required": ["errors"],
    "properties": {
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
        }
    },
}
_REFUSAL = {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}
_ID = {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}}}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


OPENAPI: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {
        "title": "Order Desk call-backs",
        "version": "1.0.0",
        "description": "The website asks the desk to call someone back within a time window.",
    },
    "paths": {
        "/api/callbacks": {
            "post": {
                "operationId": "postCallback",
                "summary": "Ask for a call-back; a repeated request_id returns the same id.",
                "security": [{"bearer": []}],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": [
                                    "request_id",
                                    "name",
                                    "phone",
                                    "window_from",
                                    "window_to",
                                    "consent",
                                ],
                                "properties": {
                                    "request_id": _text("request_id"),
                                    "name": _text("name"),
                                    "phone": {**_text("phone"), "example": "+385 1 234 5678"},
                                    "company": _text("company", nullable=True),
                                    "topic": _text("topic", nullable=True),
                                    "window_from": {"type": "string", "format": "date-time"},
                                    "window_to": {"type": "string", "format": "date-time"},
                                    "consent": {"type": "boolean", "enum": [True]},
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "201": _json(_ID, "A new request, and its id."),
                    "200": _json(_ID, "The request_id was posted before: the same id."),
                    "401": _json(_REFUSAL, "No valid bearer token."),
                    "422": _json(_ERRORS, "Bad input: every field that is wrong, and why."),
                    "429": _json(_REFUSAL, "Too many posts from this address: wait."),
                    "503": _json(_REFUSAL, "The desk has no token set: call-backs are off."),
                },
            }
        },
        "/api/openapi.json": {
            "get": {
                "operationId": "openapi",
                "summary": "This description.",
                "responses": {"200": {"description": "The OpenAPI document."}},
            }
        },
    },
    "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
}
