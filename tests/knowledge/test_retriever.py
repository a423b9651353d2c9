"""Hybrid retrieval: codes first, inflected words, filters, and the index following the store."""

from __future__ import annotations

from knowledge.models import Chunk
from knowledge.retriever import Retriever
from tests.knowledge.conftest import StoreFactory

FLOUR = Chunk.make(
    doc="katalog.csv",
    text="BR-0001 Brašno glatko T-550, 1 kg",
    title="Katalog",
    kind="catalog",
    sku="BR-0001",
)
OIL = Chunk.make(
    doc="katalog.csv",
    text="UL-0002 Maslinovo ulje ekstra djevičansko, 1 l",
    title="Katalog",
    kind="catalog",
    sku="UL-0002",
)
ISLANDS = Chunk.make(
    doc="postupci.md",
    text="Na otoke se roba vozi trajektom utorkom i petkom.",
    title="Postupci",
    kind="procedure",
    heading="Dostava > Dostava na otoke",
)
KEY_ACCOUNTS = Chunk.make(
    doc="postupci.md",
    text="Ključnim kupcima cijene dogovara key account manager.",
    title="Postupci",
    kind="procedure",
    heading="Ključni kupci",
    client_types=("key",),
)
OIL_TERMS = Chunk.make(
    doc="cjenik.md",
    text="Rabat na ulje vrijedi za hotele i restorane.",
    title="Cjenik",
    kind="prices",
    client_types=("hotel", "restaurant"),
)
CHUNKS = [FLOUR, OIL, ISLANDS, KEY_ACCOUNTS, OIL_TERMS]


def ids(hits: list) -> list[str]:
    return [h.chunk.id for h in hits]


def test_an_exact_sku_in_the_question_ranks_its_chunk_first(fake_store: StoreFactory) -> None:
    retriever = Retriever(store=fake_store(CHUNKS))
    for query in ("BR-0001", "br-0001", "koliko košta br-0001?"):
        hits = retriever.search(query)
        assert hits[0].chunk == FLOUR
        assert hits[0].score == 1.0
        assert all(h.score < 1.0 for h in hits[1:])


def test_inflected_croatian_finds_the_base_form(fake_store: StoreFactory) -> None:
    retriever = Retriever(store=fake_store(CHUNKS))
    hits = retriever.search("cijena maslinovog ulja")
    assert hits[0].chunk == OIL
    assert hits[0].lexical_rank == 1


def test_hits_carry_ranks_and_scores_best_first(fake_store: StoreFactory) -> None:
    hits = Retriever(store=fake_store(CHUNKS)).search("dostava na otoke trajektom", k=3)
    assert hits[0].chunk == ISLANDS
    assert hits[0].dense_rank is not None and hits[0].lexical_rank is not None
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert all(0.0 <= h.score <= 1.0 for h in hits)


def test_the_kind_filter_applies_to_both_sides(fake_store: StoreFactory) -> None:
    retriever = Retriever(store=fake_store(CHUNKS))
    hits = retriever.search("maslinovo ulje", kinds=["procedure", "prices"], k=10)
    assert hits and {h.chunk.kind for h in hits} <= {"procedure", "prices"}
    assert OIL not in [h.chunk for h in hits]
    assert retriever.search("BR-0001", kinds=["procedure"], k=10)[0].chunk != FLOUR


def test_the_client_type_filter_keeps_untagged_and_matching_chunks(
    fake_store: StoreFactory,
) -> None:
    retriever = Retriever(store=fake_store(CHUNKS))
    for_shops = [h.chunk for h in retriever.search("ulje kupci cijene", client_type="shop", k=10)]
    assert KEY_ACCOUNTS not in for_shops and OIL_TERMS not in for_shops
    assert OIL in for_shops
    for_hotels = [h.chunk for h in retriever.search("rabat na ulje", client_type="hotel", k=10)]
    assert for_hotels[0] == OIL_TERMS


def test_new_chunks_are_found_without_an_explicit_refresh(fake_store: StoreFactory) -> None:
    store = fake_store(CHUNKS)
    retriever = Retriever(store=store)
    assert retriever.search("reklamacija oštećene robe")[0].chunk != _COMPLAINTS
    store.upsert([_COMPLAINTS])
    hits = retriever.search("reklamacija oštećene robe")
    assert hits[0].chunk == _COMPLAINTS and hits[0].lexical_rank == 1


def test_deleted_chunks_are_never_returned(fake_store: StoreFactory) -> None:
    store = fake_store(CHUNKS)
    retriever = Retriever(store=store)
    assert retriever.search("UL-0002")[0].chunk == OIL
    store.delete([OIL.id])
    assert OIL.id not in ids(retriever.search("UL-0002 maslinovo ulje", k=10))


def test_refresh_picks_up_a_replaced_chunk_set_of_the_same_size(fake_store: StoreFactory) -> None:
    store = fake_store(CHUNKS)
    retriever = Retriever(store=store)
    retriever.search("ulje")
    store.delete([ISLANDS.id])
    store.upsert([_COMPLAINTS])  # same count as before: only refresh() can tell
    retriever.refresh()
    hits = retriever.search("reklamacija oštećene robe")
    assert hits[0].chunk == _COMPLAINTS and hits[0].lexical_rank == 1


def test_an_empty_question_or_store_gives_no_hits(fake_store: StoreFactory) -> None:
    assert Retriever(store=fake_store(CHUNKS)).search("   ") == []
    assert Retriever(store=fake_store([])).search("ulje") == []


_COMPLAINTS = Chunk.make(
    doc="postupci.md",
    text="Reklamaciju oštećene robe kupac prijavljuje isti dan.",
    title="Postupci",
    kind="procedure",
    heading="Reklamacije",
)


def test_a_question_close_to_a_sections_heading_ranks_that_section_higher(
    fake_store: StoreFactory,
) -> None:
    body = "Orders are agreed by phone and confirmed in writing the same day."
    chunks = [
        Chunk.make(doc="terms.md", text=body, title="Terms", heading="Payment by invoice"),
        Chunk.make(doc="terms.md", text=body + " ", title="Terms", heading="Cold chain storage"),
    ]
    store = fake_store(chunks)
    from knowledge.retriever import Retriever

    hits = Retriever(store=store).search("cold chain storage rules", k=2)
    assert hits[0].chunk.heading == "Cold chain storage"
    sims = store.title_similarity(
        store.embeddings.embed_query("cold chain storage"), [c for c in chunks]
    )
    assert sims[chunks[1].id] > sims[chunks[0].id]
