"""Importers for managers (with their departments) and clients (with their phones)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, insert, select

from assistant.clients.models import MANAGER_ROLES, Client, ClientPhone, Department, Manager
from assistant.clients.phones import normalise_phone
from assistant.i18n import N_, _
from assistant.text import fold
from ingest.erp import fields
from ingest.erp.fields import RowError
from ingest.erp.importers_base import KindImporter, code_ids, max_length, resolve, split_new, table
from ingest.erp.importers_catalog import PriceColumnBook

MANAGERS = table(Manager)
CLIENTS = table(Client)
PHONES = table(ClientPhone)
# Folding may lengthen a name ("ß" -> "ss"): the search copy is cut to fit its column.
NAME_LENGTH = max_length(Client, "search_name")


class ManagersImporter(KindImporter[dict[str, Any]]):
    """managers: code, name, role, department, available; unknown departments are created."""

    columns = ("code", "name", "role", "department", "available")

    def prepare(self) -> None:
        self.departments = code_ids(self.session, Department)
        self.known = set(code_ids(self.session, Manager))

    def parse(self, row: Mapping[str, str]) -> dict[str, Any]:
        role = row["role"].strip().lower()
        if role not in MANAGER_ROLES:
            raise RowError(
                _("role {role!r} is unknown: use {roles}").format(
                    role=row["role"].strip(), roles=", ".join(MANAGER_ROLES)
                )
            )
        return {
            "code": fields.text(row["code"], "code", max_length=max_length(Manager, "code")),
            "name": fields.text(row["name"], "name", max_length=max_length(Manager, "name")),
            "role": role,
            # Routing rules name departments by lower-case code ("head:wholesale").
            "department": fields.text(
                row["department"], "department", max_length=max_length(Department, "code")
            ).lower(),
            "available": fields.boolean(row["available"], "available", default=True),
        }

    def write(self, records: Sequence[dict[str, Any]]) -> tuple[int, int]:
        department_ids = self._ensure_departments({r["department"] for r in records})
        rows = [
            {
                **{k: v for k, v in r.items() if k != "department"},
                "department_id": department_ids[r["department"]],
            }
            for r in records
        ]
        new, updated = split_new((r["code"] for r in records), self.known)
        self.upsert(
            MANAGERS, rows, keys=("code",), update=("name", "role", "department_id", "available")
        )
        self.known.update(new)
        return len(new), updated

    def _ensure_departments(self, codes: set[str]) -> dict[str, int]:
        """Ids of `codes`, creating the missing departments (name = code title-cased)."""
        ids = {code: self.departments[code] for code in codes if code in self.departments}
        for code in sorted(codes - ids.keys()):
            ids[code] = self.session.execute(
                insert(table(Department))
                .values(code=code, name=code.replace("_", " ").title())
                .returning(table(Department).c.id)
            ).scalar_one()
        self.departments.update(ids)
        return ids


@dataclass(frozen=True)
class ClientRecord:
    """A client row ready to write, with its phones as (E.164, as written) pairs."""

    values: dict[str, Any]
    phones: tuple[tuple[str, str], ...]
    price_column: str | None


class ClientsImporter(KindImporter[ClientRecord]):
    """clients: code, name, phone, type, manager_code, price_column, credit_limit, city, regional.

    A price column the file names that does not exist yet is created (named after its
    code): refusing every client of a new column would be less helpful than adding it.
    """

    columns = (
        "code", "name", "phone", "type", "manager_code",
        "price_column", "credit_limit", "city", "regional",
    )  # fmt: skip

    def prepare(self) -> None:
        self.managers = code_ids(self.session, Manager)
        self.ids = code_ids(self.session, Client)
        self.price_columns = PriceColumnBook(self.session)

    def parse(self, row: Mapping[str, str]) -> ClientRecord:
        name = fields.text(row["name"], "name", max_length=max_length(Client, "name"))
        values = {
            "code": fields.text(row["code"], "code", max_length=max_length(Client, "code")),
            "name": name,
            "search_name": fold(name)[:NAME_LENGTH],
            "type": self._client_type(row["type"]),
            "manager_id": self._manager_id(row["manager_code"]),
            "credit_limit": self._credit_limit(row["credit_limit"]),
            "city": fields.optional_text(
                row["city"], "city", max_length=max_length(Client, "city")
            ),
            "regional": fields.boolean(row["regional"], "regional", default=False),
        }
        price_column = fields.optional_text(
            row["price_column"], "price_column", max_length=max_length(Client, "price_column")
        )
        return ClientRecord(values, self._phones(row["phone"]), price_column)

    def _client_type(self, value: str) -> str:
        client_type = value.strip()
        known = self.context.known_client_types
        if client_type not in known:
            shown = repr(client_type) if client_type else "(empty)"
            raise RowError(
                _("type {type} is unknown: use one of {known}").format(
                    type=shown, known=", ".join(sorted(known))
                )
            )
        return client_type

    def _manager_id(self, value: str) -> int | None:
        code = value.strip()
        if not code:
            return None
        return resolve(
            self.managers, code, "manager_code", N_("import managers first or leave it empty")
        )

    @staticmethod
    def _credit_limit(value: str) -> Decimal | None:
        limit = fields.optional_decimal(value, "credit_limit")
        if limit is not None and limit < 0:
            raise RowError(_("credit_limit is negative: write the allowed debt, or leave it empty"))
        return limit

    def _phones(self, value: str) -> tuple[tuple[str, str], ...]:
        phones: dict[str, str] = {}
        for raw in (part.strip() for part in value.split(";")):
            if not raw:
                continue
            e164 = normalise_phone(raw, default_country_code=self.context.default_country_code)
            if e164 is None:
                raise RowError(
                    _(
                        "phone {phone!r} is not a phone number: write it with its area code "
                        "(e.g. 01 234 5678 or +385 1 234 5678), several separated by ';'"
                    ).format(phone=raw)
                )
            phones.setdefault(e164, raw[: max_length(ClientPhone, "raw") or len(raw)])
        return tuple(phones.items())

    def write(self, records: Sequence[ClientRecord]) -> tuple[int, int]:
        new, updated = split_new((r.values["code"] for r in records), self.ids)
        # The same client twice in a batch: the later row wins, as it would across batches.
        latest = {r.values["code"]: r for r in records}
        rows = [self._row(r) for r in latest.values()]
        self.upsert(CLIENTS, rows, keys=("code",), update=sorted(rows[0].keys() - {"code"}))
        ids = self._ids_of(list(latest))
        # Re-import replaces a client's phones: the file is the truth about them.
        self.session.execute(delete(PHONES).where(PHONES.c.client_id.in_(list(ids.values()))))
        phones = [
            {"client_id": ids[code], "phone": e164, "raw": raw}
            for code, record in latest.items()
            for e164, raw in record.phones
        ]
        if phones:
            self.session.execute(insert(PHONES), phones)
        self.ids.update(ids)
        return len(new), updated

    def _row(self, record: ClientRecord) -> dict[str, Any]:
        column = record.price_column
        return {
            **record.values,
            "price_column": self.price_columns.ensure(column)[1] if column else None,
        }

    def _ids_of(self, codes: list[str]) -> dict[str, int]:
        rows = self.session.execute(
            select(CLIENTS.c.code, CLIENTS.c.id).where(CLIENTS.c.code.in_(codes))
        )
        return {code: row_id for code, row_id in rows}
