"""Departments, managers, clients and what the operator needs to know of them."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, DateTime, ForeignKey, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from assistant.db import Base
from assistant.timeutil import utcnow

MANAGER_ROLES = ("kam", "manager", "head", "finance")


class Department(Base):
    """A sales or service department (wholesale, retail, regional, finance, ...)."""

    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))


class Manager(Base):
    """A person calls are transferred to: KAM, manager, department head or finance."""

    __tablename__ = "managers"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    available: Mapped[bool] = mapped_column(Boolean, default=True)
    extension: Mapped[str | None] = mapped_column(String(40))

    department: Mapped[Department] = relationship(lazy="joined")


class Client(Base):
    """A buyer of the wholesaler, with its type, manager, price column and credit limit."""

    __tablename__ = "clients"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    # Lower-case, diacritics folded: what name search compares against.
    search_name: Mapped[str] = mapped_column(String(300), index=True)
    type: Mapped[str] = mapped_column(String(40), index=True)
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("managers.id"), index=True)
    price_column: Mapped[str | None] = mapped_column(String(20))
    programme: Mapped[str | None] = mapped_column(String(40))
    credit_limit: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    city: Mapped[str | None] = mapped_column(String(120))
    region: Mapped[str | None] = mapped_column(String(120))
    regional: Mapped[bool] = mapped_column(Boolean, default=False)
    email: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    manager: Mapped[Manager | None] = relationship(lazy="joined")
    phones: Mapped[list[ClientPhone]] = relationship(
        back_populates="client", cascade="all, delete-orphan", lazy="selectin"
    )
    addresses: Mapped[list[DeliveryAddress]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )
    receivers: Mapped[list[AuthorisedPerson]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )


class ClientPhone(Base):
    """One phone of a client, stored in E.164 so any typed format finds it."""

    __tablename__ = "client_phones"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    phone: Mapped[str] = mapped_column(String(32), index=True)
    raw: Mapped[str] = mapped_column(String(64))

    client: Mapped[Client] = relationship(back_populates="phones")


class DeliveryAddress(Base):
    """Where goods are delivered for a client."""

    __tablename__ = "delivery_addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    address: Mapped[str] = mapped_column(Text)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)


class AuthorisedPerson(Base):
    """A person of the client authorised to receive goods and sign documents (R16)."""

    __tablename__ = "authorised_persons"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
