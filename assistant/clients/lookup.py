"""Find the caller: by phone in any format, by client code, or by a fuzzy name."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from assistant.clients.models import Client, ClientPhone
from assistant.clients.phones import looks_like_phone, normalise_phone
from assistant.db import text_equals
from assistant.name_index import NameIndex
from assistant.text import fold

_MIN_FUZZY_SCORE = 70


@dataclass(frozen=True)
class ClientMatch:
    """One candidate for the caller, with what it matched on."""

    client_id: int
    code: str
    name: str
    type: str
    city: str | None
    matched_on: str  # "phone" | "code" | "name"
    score: float

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)


class ClientDirectory:
    """Looks clients up the way operators type them mid-call."""

    def __init__(self, *, session_factory: sessionmaker[Session], default_country_code: str):
        self._sessions = session_factory
        self._country = default_country_code
        self._names: NameIndex | None = None
        self._names_key: tuple[int, float] = (-1, 0.0)

    @property
    def sessions(self) -> sessionmaker[Session]:
        """Where the clients live: services built on the directory audit a refused read there."""
        return self._sessions

    def find(self, query: str, *, limit: int = 8) -> list[ClientMatch]:
        """Best candidates for `query`, best first; empty when nothing matches."""
        # A NUL matches no client, and PostgreSQL would refuse it in the query.
        query = query.replace("\x00", " ").strip()
        if not query:
            return []
        with self._sessions() as session:
            if looks_like_phone(query):
                return self._by_phone(session, query, limit)
            # Codes are unique: an exact code is the caller, no need to look further.
            exact = session.execute(_ROW.where(Client.code.in_({query, query.upper()})))
            found = [_match(c, "code", 100.0) for c in exact]
            return found or self._by_name(session, query, limit)

    def count(self) -> int:
        """How many clients there are."""
        with self._sessions() as session:
            return session.scalar(select(func.count(Client.id))) or 0

    def get(self, client_id: int) -> Client | None:
        """The client with all it needs for the card (manager, phones, receivers)."""
        with self._sessions() as session:
            return session.get(Client, client_id)

    def by_code(self, code: str) -> Client | None:
        """The client with exactly this code."""
        with self._sessions() as session:
            return session.scalars(
                select(Client).where(text_equals(Client.code, code))
            ).one_or_none()

    def normalise(self, phone: str) -> str | None:
        """The caller's phone in E.164, if it is one."""
        return normalise_phone(phone, default_country_code=self._country)

    def _by_phone(self, session: Session, query: str, limit: int) -> list[ClientMatch]:
        e164 = self.normalise(query)
        if e164 is None:
            return []
        rows = session.execute(
            _ROW.join(ClientPhone).where(ClientPhone.phone == e164).distinct().limit(limit)
        )
        return [_match(c, "phone", 100.0) for c in rows]

    def _by_name(self, session: Session, query: str, limit: int) -> list[ClientMatch]:
        folded = fold(query)
        index = self._name_index(session)
        # Every word the operator typed is in the name, in any order ("kovac pekara" finds
        # "Obrt Kovač, pekara"); shortest names first, as they match most closely.
        scored = [(cid, 95.0) for cid in index.containing(folded.split(), limit=limit)]
        if not scored:
            # Nothing contains it: typos and word order ("kovacevic obrt", "Mesnica Horvt").
            fuzzy = process.extract(
                folded,
                index.names,
                scorer=fuzz.WRatio,
                limit=limit,
                score_cutoff=_MIN_FUZZY_SCORE,
            )
            scored = [(cid, round(float(score) * 0.9, 1)) for _name, score, cid in fuzzy]
        ids = [cid for cid, _score in scored]
        by_id = {row.id: row for row in session.execute(_ROW.where(Client.id.in_(ids)))}
        return [_match(by_id[cid], "name", score) for cid, score in scored if cid in by_id]

    def _name_index(self, session: Session) -> NameIndex:
        # Cached in memory: rebuilt when a client is added (the newest id moves, an
        # indexed lookup) and at least every minute, so renamed clients show up too.
        newest = session.scalar(select(func.max(Client.id))) or 0
        now = time.monotonic()
        if self._names is None or newest != self._names_key[0] or now - self._names_key[1] > 60:
            self._names = NameIndex(
                dict(session.execute(select(Client.id, Client.search_name)).all())
            )
            self._names_key = (newest, now)
        return self._names


# Only what a match shows: loading whole clients would also load phones and receivers.
_ROW = select(Client.id, Client.code, Client.name, Client.type, Client.city)


def _match(row: Any, matched_on: str, score: float) -> ClientMatch:
    return ClientMatch(
        client_id=row.id,
        code=row.code,
        name=row.name,
        type=row.type,
        city=row.city,
        matched_on=matched_on,
        score=score,
    )
