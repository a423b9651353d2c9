"""The answer's lead, overlapping passages merged, and passages beside an SQL answer dropped."""

from __future__ import annotations

from decimal import Decimal

import numpy as np

from assistant.chat.extractive import terms
from assistant.chat.lead import choose, embed_now
from assistant.chat.models import Facts, ProductFact
from assistant.chat.passages import bearing, merge_overlapping
from knowledge.embeddings import FakeEmbeddings
from knowledge.models import Chunk, Hit
from tests.unit.chat_fakes import hit

CREDIT = hit(
    "If the open receivables are above the credit limit, or the new order would take the "
    "client over its credit limit, offer a smaller order that fits under the limit or "
    "transfer the call to the manager. Only the head of finance raises a credit limit, in "
    "writing.",
    title="Credit control",
)
ANSWER = "Only the head of finance raises a credit limit, in writing."


def test_the_lead_is_the_answering_sentence_not_a_longer_related_one() -> None:
    question = "Who raises a credit limit?"
    assert choose(terms(question), [CREDIT]).sentence == ANSWER
    # With the meaning of each sentence too (the vectors an ingest keeps), still the answer.
    vectors = embed_now(FakeEmbeddings(), [CREDIT])
    q = np.asarray(FakeEmbeddings().embed_query(question))
    lead = choose(terms(question), [CREDIT], vectors=vectors, question_vector=q)
    assert (lead.sentence, lead.source) == (ANSWER, 0)


def test_without_a_shared_word_the_meaning_alone_chooses_the_lead() -> None:
    passage = hit("Otoci se dostavljaju utorkom. Reklamacije se prijavljuju u roku od 8 dana.")
    close = "Otoci se dostavljaju utorkom."
    vectors = {
        close: np.array([1.0, 0.0]),
        "Reklamacije se prijavljuju u roku od 8 dana.": np.array([0.6, 0.8]),
    }
    lead = choose(terms("When are islands served?"), [passage], vectors=vectors,
                  question_vector=np.array([0.9, 0.1]))  # fmt: skip
    assert lead.sentence == close


def _part(text: str, *, page: int, heading: str = "Credit > Overdue") -> Hit:
    chunk = Chunk.make(doc="credit.md", text=f"{heading}\n\n{text}", title="Credit", page=page)
    return Hit(Chunk(**{**vars(chunk), "heading": heading}), 0.5)


def test_chunks_of_one_document_that_repeat_each_other_become_one_passage() -> None:
    polite = "2. Tell the client politely that there is an open overdue invoice."
    first = _part(f"1. Do not create the order and do not promise delivery.\n{polite}", page=2)
    second = _part(f"{polite}\n3. Transfer the call.", page=3)
    other = hit(polite, title="Elsewhere")
    merged = merge_overlapping([first, other, second])
    assert len(merged) == 2 and merged[1] is other
    (one,) = [h for h in merged if h.chunk.doc == "credit.md"]
    assert one.chunk.text.count(polite) == 1
    assert one.chunk.text.endswith("3. Transfer the call.")
    assert (one.chunk.page, one.last_page) == (2, 3)
    assert one.merged == (first.chunk.id, second.chunk.id)
    assert one.as_source()["chunk_ids"] == [first.chunk.id, second.chunk.id]


def test_chunks_sharing_more_than_half_their_sentences_are_merged_and_others_kept() -> None:
    a = hit("Orders close at noon. Islands get the ferry truck. Frozen goods need a freezer.")
    b = hit("Islands get the ferry truck. Frozen goods need a freezer. Lastovo every other week.")
    c = hit("Deliveries cost 20 EUR the second time.")
    merged = merge_overlapping([a, b, c])
    assert len(merged) == 2
    assert merged[0].chunk.text.count("Islands get the ferry truck") == 1
    assert "Lastovo every other week." in merged[0].chunk.text


SUNFLOWER = ProductFact(
    "SUN-1", "Suncokretovo ulje 1 l", "kom", Decimal(12), "A", Decimal("2.10"), Decimal(80)
)


def test_when_sql_answers_a_price_only_passages_about_the_product_are_kept() -> None:
    education = hit("Operators complete a two-week education before their first call.")
    catalogue = hit("SUN-1 Suncokretovo ulje 1 l, 12 u kartonu.", title="Katalog")
    terms_page = hit("Price columns A-D: every product has four prices.", title="Price terms")
    hits = [education, terms_page, catalogue]
    facts = Facts(products=(SUNFLOWER,), asks_price=True)
    query = terms("What is the price of sunflower oil?")
    assert bearing(hits, facts, query) == [catalogue]
    # Nothing from SQL: every passage stays.
    assert bearing(hits, Facts(asks_price=True), query) == hits
