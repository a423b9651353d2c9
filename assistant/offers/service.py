"""The offers service: new, special, traditional and add-on items for one call (R11-R13)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from datetime import date

from sqlalchemy.orm import Session, sessionmaker

from assistant import timeutil
from assistant.i18n.texts import choose
from assistant.offers import texts
from assistant.offers.addons import basket_model
from assistant.offers.history import HistoryIndex
from assistant.offers.history_load import (
    HistoryColumns,
    day_number,
    history_max_id,
    load_client_types,
    load_history,
)
from assistant.offers.models import Offers
from assistant.offers.new_and_special import new_items, special_items
from assistant.offers.picker import Picker
from assistant.offers.products import ids_for_skus

# History lines from which a refresh (seconds of re-indexing) runs in the background.
BACKGROUND_REFRESH_FROM = 200_000


class OfferService:
    """Computes offers from the catalogue (SQL) and an in-memory model of order history."""

    def __init__(
        self,
        *,
        session_factory: sessionmaker[Session],
        new_item_days: int = 90,
        addon_count: int = 4,
        type_labels: Mapping[str, str | Mapping[str, str]] | None = None,
        today: Callable[[], date] = timeutil.today,
    ) -> None:
        if addon_count not in (3, 4):
            raise ValueError(f"addon_count is {addon_count}; R12 asks for 3 or 4 add-ons")
        self._sessions = session_factory
        self._new_item_days = new_item_days
        self._addon_count = addon_count
        self._type_labels = dict(type_labels or {})
        # The desk's day (pinned by tests and by training sandboxes): the model's "recent" weeks.
        self._today = today
        self._index: HistoryIndex | None = None
        self._lock = threading.Lock()

    def invalidate(self) -> None:
        """Order history changed (import, new order): drop the cached model."""
        with self._lock:
            self._index = None

    @property
    def ready(self) -> bool:
        """True once the history model is built, so offers come without a long wait."""
        return self._index is not None

    def preload(self) -> None:
        """Build the history model now (at start-up, say) rather than on the first call."""
        with self._lock:
            self._refresh()

    def history(self, session: Session) -> HistoryIndex:
        """The history model, brought up to date when the table gained lines.

        Appended lines are noticed by the newest line id (one index seek per call);
        edits and deletions need invalidate(). A large model is refreshed by a
        background thread while the current one keeps answering, so no call waits
        seconds for a re-index after an import of a few lines.
        """
        newest = history_max_id(session.connection())
        index = self._index
        if index is not None and index.max_id == newest:
            return index
        if index is not None and index.lines >= BACKGROUND_REFRESH_FROM:
            self._refresh_aside()
            return index
        with self._lock:
            return self._refresh()

    def _refresh(self) -> HistoryIndex:
        """Bring the model up to date from a fresh snapshot; the caller holds the lock."""
        with self._sessions() as session:
            conn = session.connection()
            newest = history_max_id(conn)
            index = self._index
            if index is not None and index.max_id == newest:
                return index
            appended = index is not None and newest > index.max_id
            known = index.columns if index is not None and appended else HistoryColumns.empty()
            more = load_history(conn, after_id=known.max_id, order_codes=known.order_codes)
            index = HistoryIndex(HistoryColumns.joined([known, more]), load_client_types(conn))
        # Built before the index is swapped in, so no call waits for them: today's counts
        # and the add-on neighbours (the same for any day after the newest line).
        before = day_number(self._today())
        index.stats(before)
        basket_model(index, before)
        self._index = index
        return index

    def _refresh_aside(self) -> None:
        if not self._lock.acquire(blocking=False):
            return  # a refresh is already running
        threading.Thread(target=self._refresh_and_release, daemon=True).start()

    def _refresh_and_release(self) -> None:
        try:
            self._refresh()
        finally:
            self._lock.release()

    def offers_for(
        self,
        *,
        client_id: int | None,
        client_type: str | None,
        price_column: str | None,
        draft_skus: Sequence[str] = (),
        declined_skus: Sequence[str] = (),
        as_of: date | None = None,
    ) -> Offers:
        """Everything worth offering to this client now, history after `as_of` ignored.

        Items of `declined_skus` (what the client said no to lately) come after every
        other item of their kind, and only when there are not enough others.
        """
        as_of = as_of or self._today()
        with self._sessions() as session:
            index = self.history(session)
            draft = ids_for_skus(session, draft_skus)
            declined = ids_for_skus(session, declined_skus) - draft
            new = new_items(
                session,
                as_of=as_of,
                days=self._new_item_days,
                price_column=price_column,
                excluded_ids=draft,
                declined_ids=declined,
            )
            special = special_items(
                session,
                as_of=as_of,
                client_type=client_type,
                price_column=price_column,
                excluded_ids=draft,
                declined_ids=declined,
            )
            picker = Picker(
                session,
                index,
                before=day_number(as_of),
                draft=draft,
                declined=declined,
                price_column=price_column,
            )
            traditional = picker.traditional(
                client_id=client_id, client_type=client_type, label=self._label(client_type)
            )
            addons = picker.addons(
                count=self._addon_count,
                client_type=client_type,
                label=self._label(client_type),
            )
        return Offers(new=new, special=special, traditional=traditional, addons=addons)

    def _label(self, client_type: str | None) -> str:
        """The type's name in the language now (labels may be given by language)."""
        code = client_type or ""
        label = self._type_labels.get(code)
        if isinstance(label, Mapping) and label:
            return choose(label).value
        if isinstance(label, str) and label:
            return label
        return texts.type_label_default(code)
