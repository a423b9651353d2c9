"""Product names as multilingual vectors: "sunflower oil" finds "Suncokretovo ulje 1 l".

Names are embedded once, when products are imported (`desk import products`, the demo),
and kept in SQL beside the product; a question is embedded once and compared with all of
them in memory. A name that changed, or a product added some other way, is embedded the
next time the vectors are refreshed (`refresh()` embeds only what is missing).

A product's other names (its names in other languages) are embedded too, each on its own:
one vector per name, stored together, and a product scores as its closest name. The
catalogue's name alone is embedded when a product has no other names.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np
from langchain_core.embeddings import Embeddings
from sqlalchemy import ForeignKey, LargeBinary, String, delete, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from assistant.catalog.models import Product, names_in
from assistant.db import Base

_BATCH = 64


class ProductVector(Base):
    """The embedding of one product's name, by one model."""

    __tablename__ = "product_vectors"

    product_id: Mapped[int] = mapped_column(
        ForeignKey("products.id", ondelete="CASCADE"), primary_key=True
    )
    model: Mapped[str] = mapped_column(String(40))
    # The names that were embedded, one per line: a renamed product no longer matches
    # them and is redone.
    text: Mapped[str] = mapped_column(String(1000))
    # One float32 vector per line of `text`, one after the other.
    vector: Mapped[bytes] = mapped_column(LargeBinary)


def embedded_names(name: str, other_names: str = "") -> list[str]:
    """What is embedded of a product: its name and each other name (a SKU is matched
    exactly, in SQL)."""
    names = [" ".join(name.split()), *names_in(other_names)]
    return list(dict.fromkeys(n for n in names if n))


class ProductVectors:
    """Active products' name vectors: kept in SQL, compared in memory."""

    def __init__(
        self, *, session_factory: sessionmaker[Session], embeddings: Embeddings, model: str
    ) -> None:
        self._sessions = session_factory
        self._embeddings = embeddings
        self._model = model
        self._ids: list[int] = []
        self._names: dict[int, list[str]] = {}
        self._matrix: np.ndarray = np.zeros((0, 0), dtype=np.float32)
        self._loaded = -1
        self._lock = threading.Lock()

    def refresh(self) -> int:
        """Embed every active product whose name has no vector yet; how many were embedded."""
        with self._sessions() as session:
            wanted = {
                pid: "\n".join(embedded_names(name, other))
                for pid, name, other in session.execute(
                    select(Product.id, Product.name, Product.other_names).where(
                        Product.active.is_(True)
                    )
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
            names = [text.split("\n") for _pid, text in batch]
            flat = self._embeddings.embed_documents([n for product in names for n in product])
            vectors, at = [], 0
            for product in names:
                vectors.append(np.asarray(flat[at : at + len(product)], dtype=np.float32))
                at += len(product)
            with self._sessions.begin() as session:
                ids = [pid for pid, _text in batch]
                session.execute(delete(ProductVector).where(ProductVector.product_id.in_(ids)))
                session.add_all(
                    ProductVector(
                        product_id=pid, model=self._model, text=text, vector=vec.tobytes()
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
        # Rows are names; a product counts once, as its closest name.
        best: dict[int, float] = {}
        for row in np.argsort(-scores):
            pid = ids[row]
            if pid not in best:
                best[pid] = float(scores[row])
                if len(best) == limit:
                    break
        return list(best.items())

    def names(self, product_id: int) -> list[str]:
        """The names embedded for a product (as of the last `nearest`): its name first."""
        return self._names.get(product_id, [])

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
                select(ProductVector.product_id, ProductVector.text, ProductVector.vector)
                .join(Product, Product.id == ProductVector.product_id)
                .where(ProductVector.model == self._model, Product.active.is_(True))
            ).all()
        # One row per embedded name (a line of `text`), each naming its product.
        blocks = [
            (pid, np.frombuffer(vec, dtype=np.float32).reshape(text.count("\n") + 1, -1))
            for pid, text, vec in rows
        ]
        self._ids = [pid for pid, block in blocks for _row in block]
        self._names = {pid: text.split("\n") for pid, text, _vec in rows}
        if blocks:
            matrix = np.concatenate([block for _pid, block in blocks])
            norms = np.linalg.norm(matrix, axis=1, keepdims=True)
            self._matrix = (matrix / np.where(norms == 0, 1.0, norms)).astype(np.float32)
        else:
            self._matrix = np.zeros((0, 0), dtype=np.float32)
        self._loaded = count
