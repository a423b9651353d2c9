"""Every ERP import is in the audit log: who, which kind, how many rows (issue 10).

Client assignments (the manager of each client), prices, specials and discounts all arrive
through these imports, so each kind is checked, with the right it was done under.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from assistant.auth.models import AuditEntry
from tests.ingest.conftest import Import, WriteCsv
from tests.ingest.test_importers import CLIENTS, PRODUCTS, company
from tests.ingest.test_importers import MANAGERS as MANAGERS_FULL
from tests.security.test_hostile_imports import FILES

__all__ = ["company"]  # fixture: an imported company

KINDS = {**FILES, "managers": MANAGERS_FULL, "clients": CLIENTS, "products": PRODUCTS}
RIGHT = {
    **dict.fromkeys(("managers", "clients", "receivables", "orders"), "import.accounts"),
    **dict.fromkeys(("products", "prices", "specials", "discounts"), "import.catalog"),
}


def _rows(session_factory: Any, kind: str) -> list[AuditEntry]:
    with session_factory() as s:
        rows = s.scalars(select(AuditEntry).order_by(AuditEntry.id))
        return [r for r in rows if (r.object or "").startswith(f"{kind} ")]


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_import_kind_writes_an_ok_row_with_its_counts(
    kind: str, company: None, write_csv: WriteCsv, run_import: Import, session_factory: Any
) -> None:
    before = len(_rows(session_factory, kind))
    report = run_import(kind, write_csv(f"{kind}.csv", KINDS[kind]))
    rows = _rows(session_factory, kind)[before:]
    assert rows, f"no audit row for a {kind} import"
    assert {(r.actor, r.action, r.outcome) for r in rows} == {("system", RIGHT[kind], "ok")}
    assert sum(r.after["inserted"] for r in rows) == report.inserted
    assert sum(r.after["updated"] for r in rows) == report.updated


def test_a_file_refused_whole_leaves_no_row_that_claims_it_was_imported(
    write_csv: WriteCsv, run_import: Import, session_factory: Any
) -> None:
    with pytest.raises(Exception, match="column"):
        run_import("prices", write_csv("prices.csv", [["nothing", "useful"], ["1", "2"]]))
    assert _rows(session_factory, "prices") == []
