"""DESK_CHROMA_URL: the same retrieval round trip against a real `chroma run` server."""

from __future__ import annotations

from knowledge.embeddings import make_embeddings
from knowledge.models import Chunk
from knowledge.retriever import Retriever
from knowledge.store import KnowledgeStore, make_client


def test_retrieval_round_trips_through_a_chroma_server(chroma_server: str) -> None:
    client = make_client(url=chroma_server, path=None)  # type: ignore[arg-type]
    store = KnowledgeStore(
        client=client, embeddings=make_embeddings("fake"), collection="server_test"
    )
    oil = Chunk.make(
        doc="katalog.csv",
        text="UL-0002 Maslinovo ulje, 1 l",
        title="Katalog",
        kind="catalog",
        sku="UL-0002",
    )
    islands = Chunk.make(
        doc="postupci.md",
        text="Na otoke se roba vozi trajektom utorkom i petkom.",
        title="Postupci",
        kind="procedure",
        heading="Dostava > Dostava na otoke",
    )
    store.upsert([oil, islands])
    retriever = Retriever(store=store)

    assert store.count() == 2
    assert retriever.search("ul-0002")[0].chunk == oil
    found = retriever.search("dostava na otoke", kinds=["procedure"])
    assert [h.chunk for h in found] == [islands]
    assert found[0].dense_rank == 1 and found[0].lexical_rank == 1

    store.delete([oil.id])
    assert oil not in [h.chunk for h in retriever.search("maslinovog ulja", k=5)]
