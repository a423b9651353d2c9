"""Product search as the operator types: SKU, part of the name, inflected or misspelt."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from assistant import formats
from assistant.auth import audit
from assistant.auth.rights import Actor
from assistant.catalog.models import Price, PriceColumn, Product, names_in
from assistant.catalog.ranking import NameRank, sku_key
from assistant.i18n import _
from assistant.text import fold, has_cyrillic, terms, to_latin

_MIN_FUZZY_SCORE = 75
# Names read per query word before ranking: every product that contains them, in practice.
_CANDIDATES = 500


@dataclass(frozen=True)
class ProductHit:
    """A product the operator can put on an order line, priced in the client's column."""

    sku: str
    name: str
    category: str
    unit: str
    pack_size: Decimal
    min_qty: Decimal | None
    stock: Decimal | None
    price: Decimal | None
    # Its names in other languages, ";"-separated (searched like the name).
    other_names: str = ""

    @property
    def label(self) -> str:
        """What a picker shows: SKU, name, pack and price."""
        pack = ""
        if self.pack_size != 1:
            pack = _(", pack {pack} {unit}").format(
                pack=formats.number(self.pack_size), unit=self.unit
            )
        price = formats.money(self.price) if self.price is not None else _("no price")
        return f"{self.sku} {self.name}{pack} · {price}"

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "sku": self.sku,
            "name": self.name,
            "category": self.category,
            "unit": self.unit,
            "pack_size": float(self.pack_size),
            "min_qty": None if self.min_qty is None else float(self.min_qty),
            "stock": None if self.stock is None else float(self.stock),
            "price": None if self.price is None else float(self.price),
            "other_names": names_in(self.other_names),
        }


MAX_QUERY = 200  # characters of a product search that are looked at


class ProductSearch:
    """Finds active products by SKU or name; the name index lives in memory."""

    def __init__(self, *, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory
        self._names: _NameIndex | None = None
        self._names_count = -1

    def find(
        self, query: str, *, column: str | None, actor: Actor, limit: int = 10
    ) -> list[ProductHit]:
        """What the order form's search shows `actor`: products with their prices."""
        audit.guard_read(self._sessions, actor, "product search")
        return self.lookup(query, column=column, limit=limit)

    def lookup(self, query: str, *, column: str | None, limit: int = 10) -> list[ProductHit]:
        """Best products for `query`, exact SKU first, then names containing every word.

        Unguarded: for services that have checked their own actor (the Ask answerer).
        """
        # No product name is longer than this; a pasted page or a NUL byte (which PostgreSQL
        # refuses in text) would only make the database work for nothing.
        query = query.replace("\x00", " ").strip()[:MAX_QUERY]
        if not query:
            return []
        with self._sessions() as session:
            ids = self._matching_ids(session, query, limit)
            return self._hits(session, ids, column)

    def by_ids(self, ids: list[int], *, column: str | None) -> list[ProductHit]:
        """Active products by id, in the order given (found some other way, e.g. by meaning)."""
        with self._sessions() as session:
            return self._hits(session, ids, column)

    def get(self, sku: str, *, column: str | None) -> ProductHit | None:
        """One product by exact SKU, active or not."""
        with self._sessions() as session:
            pid = session.scalar(select(Product.id).where(Product.sku == sku))
            hits = self._hits(session, [pid] if pid else [], column, active_only=False)
            return hits[0] if hits else None

    def _matching_ids(self, session: Session, query: str, limit: int) -> list[int]:
        active = Product.active.is_(True)
        upper = query.upper()
        ids = list(
            session.scalars(
                select(Product.id)
                .where(active, func.upper(Product.sku).startswith(upper, autoescape=True))
                .order_by(func.length(Product.sku), Product.sku)
                .limit(limit)
            )
        )
        short = sku_key(query)
        if short:
            found = self._index(session).by_sku_key.get(short, [])
            ids += [pid for pid in found if pid not in ids]
        # A query typed in Cyrillic is tried as typed, then in Latin letters.
        typed = [query, to_latin(query)] if has_cyrillic(query) else [query]
        for text in typed:
            if len(ids) < limit:
                ids += [pid for pid in self._by_words(session, text) if pid not in ids]
        # Misspelt: in Latin letters first (a Serbian name typed in Cyrillic), then as
        # typed (a Russian other name).
        for text in reversed(typed):
            if len(ids) >= limit:
                break
            fuzzy = process.extract(
                fold(text),
                self._index(session).names,
                scorer=fuzz.WRatio,
                limit=limit,
                score_cutoff=_MIN_FUZZY_SCORE,
            )
            for _name, _score, (pid, _which) in fuzzy:
                if pid not in ids:
                    ids.append(pid)
        return ids[:limit]

    def _by_words(self, session: Session, query: str) -> list[int]:
        """Products whose name, or one of its other names, holds every word of the query,
        the product itself first."""
        words = terms(query)
        if not words:
            return []
        in_name = and_(*(Product.search_name.contains(w, autoescape=True) for w in words))
        in_other = and_(*(Product.search_other.contains(w, autoescape=True) for w in words))
        found = session.execute(
            select(Product.id, Product.search_name, Product.search_other, in_name)
            .where(Product.active.is_(True), or_(in_name, in_other))
            .limit(_CANDIDATES)
        ).all()
        rank = NameRank(query)

        def key(row: tuple[int, str, str, bool]) -> tuple[int, int, int, str]:
            # Ranked by the name the words were found in: "sunflower" by "sunflower oil".
            _pid, name, other, in_name = row
            if in_name:
                return rank.key(name)
            return min((rank.key(each) for each in names_in(other)), default=rank.key(name))

        rows: list[tuple[int, str, str, bool]] = [(r[0], r[1], r[2], bool(r[3])) for r in found]
        return [row[0] for row in sorted(rows, key=key)]

    def _hits(
        self, session: Session, ids: list[int], column: str | None, *, active_only: bool = True
    ) -> list[ProductHit]:
        if not ids:
            return []
        price = (
            select(Price.price)
            .join(PriceColumn, PriceColumn.id == Price.column_id)
            .where(Price.product_id == Product.id, PriceColumn.code == (column or ""))
            .correlate(Product)
            .scalar_subquery()
        )
        query = select(Product, price).where(Product.id.in_(ids))
        if active_only:
            query = query.where(Product.active.is_(True))
        rows = {p.id: (p, pr) for p, pr in session.execute(query)}
        return [_hit(*rows[i]) for i in ids if i in rows]

    def _index(self, session: Session) -> _NameIndex:
        # Rebuilt when the number of active products changes (an import or the editors).
        count = session.scalar(select(func.count(Product.id)).where(Product.active.is_(True))) or 0
        if self._names is None or count != self._names_count:
            rows = session.execute(
                select(Product.id, Product.search_name, Product.search_other, Product.sku).where(
                    Product.active.is_(True)
                )
            ).all()
            by_key: dict[str, list[int]] = {}
            names: dict[tuple[int, int], str] = {}
            for pid, name, other, sku in rows:
                key = sku_key(sku)
                if key:
                    by_key.setdefault(key, []).append(pid)
                for n, each in enumerate([name, *names_in(other)]):
                    names[(pid, n)] = each
            self._names = _NameIndex(names, by_key)
            self._names_count = count
        return self._names


@dataclass(frozen=True)
class _NameIndex:
    """Active products' folded names (and other names) for fuzzy matching, by (product id,
    which name), and their SKUs in short form."""

    names: dict[tuple[int, int], str]
    by_sku_key: dict[str, list[int]]


def _hit(product: Product, price: Decimal | None) -> ProductHit:
    return ProductHit(
        sku=product.sku,
        name=product.name,
        category=product.category,
        unit=product.unit,
        pack_size=Decimal(product.pack_size or 1),
        min_qty=product.min_qty,
        stock=product.stock,
        price=None if price is None else Decimal(price),
        other_names=product.other_names or "",
    )
