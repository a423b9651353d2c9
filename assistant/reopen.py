"""The knowledge store on disk opened again once another process's ingest has written it.

`make run` starts the app and, beside it, the first `desk ingest`; the app opens the
store while the ingest fills it (its warm-up, a first question). Chroma's on-disk client
cannot read what another process wrote after it opened the store, so without this every
question fails until the app restarts. An editor's `desk ingest` on a running desk is the
same case. A Chroma server (DESK_CHROMA_URL) is one process: it never needs this.
"""

from __future__ import annotations

import logging
import threading

from assistant.services import Services
from knowledge.store import forget_clients

log = logging.getLogger(__name__)
# What holds the store, directly or through another of these: built again on next use.
_ON_THE_STORE = ("answerer", "retriever", "ingest_pipeline", "knowledge_store")
_reopening = threading.Lock()


def follow_ingest(desk: Services) -> bool:
    """Reopen the store if another process's ingest finished after it was opened; whether
    it was reopened. Cheap when nothing changed: one small file is read."""
    store = desk.__dict__.get("knowledge_store")
    if store is None or desk.settings.chroma_url:
        return False
    finished = desk.indexing.finished_by_another()
    if finished is None or finished <= store.opened_at:
        return False
    with _reopening:
        if desk.__dict__.get("knowledge_store") is not store:
            return False  # another session's thread reopened it meanwhile
        for name in _ON_THE_STORE:
            desk.__dict__.pop(name, None)
        forget_clients()
        # Opened again at once: other holders of a client of this path (a training call's
        # services) find the new one under the same path, not a missing one.
        _ = desk.knowledge_store
    log.info("the knowledge base was re-indexed by another process: store reopened")
    return True
