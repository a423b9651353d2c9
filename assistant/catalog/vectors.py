"""Product names as multilingual vectors: "sunflower oil" finds "Suncokretovo ulje 1 l".

Names are embedded once, when products are imported (`desk import products`, the demo),
and kept in SQL beside the product; a question is embedded once and compared with all of
them in memory. A name that changed, or a product added some other way, is embedded the
next time the vectors are refreshed (`refresh()` embeds only what is missing).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np
from langchain_core.embeddings import Embeddings
from sqlalchemy import ForeignKey, LargeBinary, String, delete, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from assistant.catalog.models import Product
from assistant.db import Base

_BATCH = 64


class ProductVector(Base):
    """The embedding of one product's name, by one model."""

    __tablename__ = "product_vectors"

    product_id: Mapped[int] = mapped_column(
        ForeignKey("products.id", ondelete="CASCADE"), primary_key=True
    )
    model: Mapped[str] = mapped_column(String(40))
    # The text that was embedded: a renamed product no longer matches it and is redone.
    text: Mapped[str] = mapped_column(String(300))
    vector: Mapped[bytes] = mapped_column(LargeBinary)


def embedded_text(name: str) -> str:
    """What is embedded of a product: its name (a SKU is matched exactly, in SQL)."""
    return name.strip()


class ProductVectors:
    """Active products' name vectors: kept in SQL, compared in memory."""

    def __init__(
        self, *, session_factory: sessionmaker[Session], embeddings: Embeddings, model: str
    ) -> None:
        self._sessions = session_factory
        self._embeddings = embeddings
        self._model = model
        self._ids: list[int] = []
        self._matrix: np.ndarray = np.zeros((0, 0), dtype=np.float32)
        self._loaded = -1
        self._lock = threading.Lock()

    def refresh(self) -> int:
        """Embed every active product whose name has no vector yet; how many were embedded."""
        with self._sessions() as session:
            wanted = {
                pid: embedded_text(name)
                for pid, name in session.execute(
                    select(Product.id, Product.name).where(Product.active.is_(True))
                )
            }
            have = dict(
                session.execute(
                    select(ProductVector.product_id, ProductVector.text).where(
                        ProductVector.model == self._model
                    )
                ).all()
            )
        todo = [(pid, text) for pid, text in wanted.items() if have.get(pid) != text]
        for start in range(0, len(todo), _BATCH):
            batch = todo[start : start + _BATCH]
            vectors = self._embeddings.embed_documents([text for _pid, text in batch])
            with self._sessions.begin() as session:
                ids = [pid for pid, _text in batch]
                session.execute(delete(ProductVector).where(ProductVector.product_id.in_(ids)))
                session.add_all(
                    ProductVector(
                        product_id=pid,
                        model=self._model,
                        text=text,
                        vector=np.asarray(vec, dtype=np.float32).tobytes(),
                    )
                    for (pid, text), vec in zip(batch, vectors, strict=True)
                )
        return len(todo)

    def nearest(self, text: str, *, limit: int = 10) -> list[tuple[int, float]]:
        """Product ids whose names are closest in meaning to `text`, with their cosines."""
        if not text.strip():
            return []
        ids, matrix = self._vectors()
        if not ids:
            return []
        query = np.asarray(self._embeddings.embed_query(text), dtype=np.float32)
        query /= float(np.linalg.norm(query)) or 1.0
        scores = matrix @ query
        top = np.argsort(-scores)[:limit]
        return [(ids[i], float(scores[i])) for i in top]

    def _vectors(self) -> tuple[Sequence[int], np.ndarray]:
        """The stored vectors, read again when their count changed (embedding what is new)."""
        with self._sessions() as session:
            count = self._count(session)
            active = session.scalar(select(func.count(Product.id)).where(Product.active.is_(True)))
        with self._lock:
            if count < (active or 0):
                # Products came in some way that did not embed them (an old database).
                self.refresh()
                with self._sessions() as session:
                    count = self._count(session)
            if count != self._loaded:
                self._load(count)
            return self._ids, self._matrix

    def _count(self, session: Session) -> int:
        query = select(func.count()).where(ProductVector.model == self._model)
        return session.scalar(query) or 0

    def _load(self, count: int) -> None:
        with self._sessions() as session:
            rows = session.execute(
                select(ProductVector.product_id, ProductVector.vector)
                .join(Product, Product.id == ProductVector.product_id)
                .where(ProductVector.model == self._model, Product.active.is_(True))
            ).all()
        self._ids = [pid for pid, _vec in rows]
        if rows:
            matrix = np.stack([np.frombuffer(vec, dtype=np.float32) for _pid, vec in rows])
            norms = np.linalg.norm(matrix, axis=1, keepdims=True)
            self._matrix = (matrix / np.where(norms == 0, 1.0, norms)).astype(np.float32)
        else:
            self._matrix = np.zeros((0, 0), dtype=np.float32)
        self._loaded = count
