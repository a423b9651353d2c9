"""Rows for tests: a tiny wholesaler built in a few lines, every value overridable."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from assistant.auth.models import User
from assistant.auth.rights import Actor
from assistant.catalog.models import Price, PriceColumn, Product
from assistant.clients.models import AuthorisedPerson, Client, ClientPhone, Department, Manager
from assistant.clients.phones import normalise_phone
from assistant.credit.models import Receivable
from assistant.orders.models import HistoryLine
from assistant.text import fold


def department(s: Session, code: str) -> Department:
    found = s.query(Department).filter_by(code=code).one_or_none()
    if found:
        return found
    dept = Department(code=code, name=code.title())
    s.add(dept)
    s.flush()
    return dept


def manager(
    s: Session, code: str, *, role: str = "manager", dept: str = "wholesale", available: bool = True
) -> Manager:
    m = Manager(
        code=code,
        name=f"Person {code}",
        role=role,
        department_id=department(s, dept).id,
        available=available,
    )
    s.add(m)
    s.flush()
    return m


def client(
    s: Session,
    code: str,
    *,
    type: str = "marketer",
    manager: Manager | None = None,
    phone: str | None = None,
    name: str | None = None,
    **fields: Any,
) -> Client:
    name = name or f"Client {code}"
    c = Client(
        code=code,
        name=name,
        search_name=fold(name),
        type=type,
        manager_id=manager.id if manager else None,
        **fields,
    )
    if phone:
        c.phones.append(
            ClientPhone(phone=normalise_phone(phone, default_country_code="385"), raw=phone)
        )
    c.receivers.append(AuthorisedPerson(name=f"Receiver of {code}"))
    s.add(c)
    s.flush()
    return c


def columns(s: Session, codes: str = "ABCD") -> dict[str, PriceColumn]:
    out = {}
    for i, code in enumerate(codes):
        col = PriceColumn(code=code, name=f"Column {code}", position=i)
        s.add(col)
        out[code] = col
    s.flush()
    return out


def product(
    s: Session,
    sku: str,
    *,
    prices: dict[str, str] | None = None,
    name: str | None = None,
    **fields: Any,
) -> Product:
    name = name or f"Product {sku}"
    fields.setdefault("category", "General")
    fields.setdefault("unit", "kom")
    fields.setdefault("pack_size", Decimal(1))
    fields["search_other"] = fold(fields.setdefault("other_names", ""))
    p = Product(sku=sku, name=name, search_name=fold(name), **fields)
    s.add(p)
    s.flush()
    cols = {c.code: c for c in s.query(PriceColumn)}
    for code, price in (prices or {}).items():
        s.add(Price(product_id=p.id, column_id=cols[code].id, price=Decimal(price)))
    s.flush()
    return p


def receivable(
    s: Session, c: Client, document: str, amount: str, *, due: date, paid: str = "0"
) -> Receivable:
    r = Receivable(
        client_id=c.id, document=document, amount=Decimal(amount), due_date=due, paid=Decimal(paid)
    )
    s.add(r)
    s.flush()
    return r


def history(s: Session, c: Client, p: Product, *, order_no: str, day: date, qty: float = 1) -> None:
    s.add(
        HistoryLine(
            order_no=order_no, client_id=c.id, order_date=day, product_id=p.id, qty=qty, price=1.0
        )
    )
    s.flush()


def days(n: int, *, since: date) -> date:
    return since + timedelta(days=n)


def acting(name: str = "tester") -> Actor:
    """A desk user holding every right but the trainee's, named as the test needs."""
    return Actor.of(name, ("operator", "editor", "head", "admin"))


def user(s: Session, name: str, *roles: str, disabled: bool = False) -> User:
    """A row in the users table, for the CLI's --user."""
    row = User(name=name, roles=list(roles), disabled=disabled)
    s.add(row)
    s.flush()
    return row
