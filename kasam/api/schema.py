"""The OpenAPI schema tells the truth about errors too: every operation documents the error
answers it can give (rule refused or bad input 400, not logged in 401, not allowed 403,
missing or not yours 404, saved by someone else 409, too many attempts 429, access log
unavailable 503), each with the body the API sends ({"detail": …} or the fields' messages)."""

from __future__ import annotations

from typing import Any

ERROR = {
    "type": "object",
    "description": "`detail` for the whole request, or each field's messages",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,
}
ANSWERS = {
    "400": "Bad input, or refused by a rule: the message says why",
    "401": "Not logged in",
    "403": "Not allowed",
    "404": "Not found, or not yours to see",
    "405": "Method not allowed",
    "409": "Saved by someone else since you read it: read again",
    "415": "Unsupported media type",
    "429": "Too many attempts: wait and try again",
    "503": "The access log could not be written, so nothing is shown",
}


def document_errors(result: dict[str, Any], **_kwargs: Any) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: add the error answers to every operation."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    reference = {"$ref": "#/components/schemas/Error"}
    for item in result.get("paths", {}).values():
        for operation in item.values():
            responses = operation.setdefault("responses", {})
            for status, text in ANSWERS.items():
                responses.setdefault(
                    status,
                    {"description": text, "content": {"application/json": {"schema": reference}}},
                )
    return result
