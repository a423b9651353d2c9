"""Domain errors: each carries a stable code and a message an operator can act on."""

from __future__ import annotations

from typing import Any


class DeskError(Exception):
    """A refusal the desk explains to its user; `code` is stable for machines."""

    code = "desk_error"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        # Every problem found in one go, so a form can mark all its fields at once.
        self.problems: list[DeskError] = [self]

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape the CLI and the UI report."""
        out: dict[str, Any] = {"error": self.code, "message": self.message}
        if self.field:
            out["field"] = self.field
        if len(self.problems) > 1:
            out["problems"] = [
                {"error": p.code, "message": p.message, "field": p.field} for p in self.problems
            ]
        return out

    @classmethod
    def first_of(cls, problems: list[DeskError]) -> DeskError:
        """The first problem, carrying all of them."""
        first = problems[0]
        first.problems = list(problems)
        return first


class UnknownClient(DeskError):
    code = "unknown_client"


class UnknownSku(DeskError):
    code = "unknown_sku"


class BadQuantity(DeskError):
    code = "bad_quantity"


class InvalidDelivery(DeskError):
    code = "invalid_delivery"


class InvalidOrder(DeskError):
    code = "invalid_order"


class CreditBlocked(DeskError):
    code = "credit_blocked"


class CreditLimitExceeded(DeskError):
    code = "credit_limit_exceeded"


class InsufficientStock(DeskError):
    code = "insufficient_stock"


class IdempotencyConflict(DeskError):
    code = "idempotency_conflict"


class UnknownOrder(DeskError):
    code = "unknown_order"


class MustTransfer(DeskError):
    code = "must_transfer"


class ScriptIncomplete(DeskError):
    """An order from a call whose script left a requirement undone without a reason."""

    code = "script_incomplete"

    def __init__(self, message: str, *, missing: list[dict[str, str]]) -> None:
        super().__init__(message, field="skipped")
        self.missing = missing

    def as_dict(self) -> dict[str, Any]:
        return {**super().as_dict(), "missing": self.missing}


class NoPrice(DeskError):
    code = "no_price"


class RulesError(DeskError):
    """An editors' rule file is invalid: the message names file, place and fix."""

    code = "rules_error"


class ImportRefused(DeskError):
    """A whole import file is refused (wrong columns, unreadable)."""

    code = "import_refused"


class DatabaseNotReady(DeskError):
    code = "database_not_ready"


class DatabaseUnreachable(DeskError):
    """The database dropped the connection (a restart, a network cut): the user tries again."""

    code = "database_unreachable"


class KnowledgeUnavailable(DeskError):
    """The Chroma server does not answer: questions and publishing wait, live calls go on."""

    code = "knowledge_unavailable"
