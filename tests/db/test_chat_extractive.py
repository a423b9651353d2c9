"""Answers without an LLM: the answering sentence in bold, prices and stock from SQL."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from assistant.auth.rights import Actor
from assistant.catalog.models import Product
from assistant.chat import Answerer
from assistant.chat.extractive import snippet, terms
from assistant.chat.lead import choose
from assistant.errors import DeskError, UnknownClient
from tests import factories as f
from tests.unit.chat_fakes import FakeRetriever, hit

OPERATOR = Actor.of("ana", ["operator"])

DELIVERY = hit(
    "Deliveries leave the warehouse every morning. Islands are delivered on Tuesdays and "
    "Fridays by ferry. Orders for the islands close at noon the day before.",
    title="Delivery terms",
    page=2,
)
CERTS = hit(
    "Frozen fish ships with a health certificate and a catch certificate.", title="Certificates"
)


@pytest.fixture
def shop(services: Any) -> Any:
    """A marketer M1 (column C), a key client K1 (column D), olive oil and sugar in stock."""
    with services.sessions.begin() as s:
        f.columns(s)
        mgr = f.manager(s, "MGR")
        f.client(s, "M1", type="marketer", manager=mgr, name="Obrt Kovačević")
        f.client(s, "K1", type="key", manager=mgr, name="Hotel Jadran")
        f.product(
            s,
            "OIL-1",
            name="Maslinovo ulje ekstra djevičansko 1 l",
            stock=Decimal(120),
            pack_size=Decimal(6),
            unit="l",
            prices={"A": "10.00", "C": "9.00", "D": "8.50"},
        )
        f.product(s, "SUGAR", name="Šećer kristal 1 kg", prices={"A": "1.00", "C": "0.80"})
    return services


def _answerer(services: Any, *hits: Any) -> tuple[Answerer, FakeRetriever]:
    retriever = FakeRetriever(hits)
    answerer = Answerer(
        retriever=retriever,
        catalog=services.catalog,
        directory=services.directory,
        price_rules=services.rules.prices,
    )
    return answerer, retriever


def test_question_terms_drop_question_words_and_fold_inflections() -> None:
    assert terms("What are the delivery terms to the islands?") == {"delive", "term", "island"}
    assert terms("Koja je cijena maslinovog ulja?") >= terms("maslinovo ulje")


def test_the_sentence_with_the_most_question_words_is_chosen_from_the_top_passages() -> None:
    mark = choose(terms("When are the islands delivered?"), [CERTS, DELIVERY])
    assert mark.source == 1
    assert mark.sentence == "Islands are delivered on Tuesdays and Fridays by ferry."


def test_a_question_sharing_no_word_highlights_nothing_without_a_model() -> None:
    assert choose(terms("xyz qwerty"), [DELIVERY]).sentence == ""


def test_the_snippet_bolds_the_answering_sentence_inside_its_passage() -> None:
    text = snippet(DELIVERY.chunk.text, "Islands are delivered on Tuesdays and Fridays by ferry.")
    assert "**Islands are delivered on Tuesdays and Fridays by ferry.**" in text
    assert text.startswith("Deliveries leave")


def test_the_extractive_answer_opens_with_the_lead_then_the_passages_with_it_in_bold(
    shop: Any,
) -> None:
    answerer, _ = _answerer(shop, CERTS, DELIVERY)
    answer = answerer.answer("What are the delivery days for the islands?", actor=OPERATOR)
    assert answer.mode == "extractive"
    lead = "Islands are delivered on Tuesdays and Fridays by ferry."
    assert (answer.lead, answer.lead_source) == (lead, 1)
    assert answer.text.startswith(f"> {lead}\n>\n> [2] *Delivery terms, p. 2*")
    first, second = answer.passages.split("\n\n")[1:3]
    assert first.startswith("[1] *Certificates*") and "**" not in first.replace("*C", "")
    assert second.startswith("[2] *Delivery terms, p. 2*") and f"**{lead}**" in second
    assert answer.opening + "\n\n" + answer.passages == answer.text
    assert [s["title"] for s in answer.as_dict()["sources"]] == ["Certificates", "Delivery terms"]


def test_a_price_question_gets_the_price_in_the_clients_own_column_from_sql(shop: Any) -> None:
    answerer, retriever = _answerer(
        shop, hit("Maslinovo ulje ekstra costs 99.99 in the old catalogue.")
    )
    answer = answerer.answer(
        "What is the price of maslinovo ulje ekstra?", actor=OPERATOR, client_code="M1"
    )
    (fact,) = answer.facts.products
    assert (fact.sku, fact.column, fact.price) == ("OIL-1", "C", Decimal("9.00"))
    assert "9.00 per l in column C (Obrt Kovačević's column" in answer.text
    assert "stock 120 l" in answer.text
    # The SQL numbers lead; the document's stale number is only quoted below them.
    assert answer.text.index("9.00 per l") < answer.text.index("99.99")
    assert retriever.calls[0]["client_type"] == "marketer"


def test_a_key_client_sees_the_key_column_for_the_same_product(shop: Any) -> None:
    answerer, _ = _answerer(shop, DELIVERY)
    answer = answerer.answer("koliko košta maslinovo ulje?", actor=OPERATOR, client_code="K1")
    assert answer.facts.products[0].price == Decimal("8.50")
    assert "column D" in answer.text


def test_without_a_client_the_price_is_the_base_column_and_says_so(shop: Any) -> None:
    answerer, _ = _answerer(shop)
    answer = answerer.answer("price of OIL-1", actor=OPERATOR)
    assert "10.00 per l in column A (the base column" in answer.text


def test_a_stock_question_gives_stock_and_pack_and_the_price_asked_next(shop: Any) -> None:
    answerer, _ = _answerer(shop, DELIVERY)
    text = answerer.answer(
        "Do we have maslinovo ulje ekstra djevičansko in stock?", actor=OPERATOR
    ).text
    assert "stock 120 l" in text and "pack of 6 l" in text
    assert "per l in column A (the base column" in text


def test_a_vague_question_gets_no_fact_from_sql(shop: Any) -> None:
    answerer, _ = _answerer(shop, DELIVERY)
    answer = answerer.answer(
        "What is the price policy for the islands?", actor=OPERATOR, client_code="M1"
    )
    assert answer.facts.products == () and answer.facts.empty
    assert "database" not in answer.text


def test_one_common_word_is_not_a_product_mention(shop: Any) -> None:
    answerer, _ = _answerer(shop)
    # "ulje" alone is in the oil's name, but a name needs most of its words to be named.
    assert answerer.answer("Price of ulje za motor?", actor=OPERATOR).facts.products == ()


def test_an_unknown_client_code_is_a_clear_error(shop: Any) -> None:
    answerer, _ = _answerer(shop, DELIVERY)
    with pytest.raises(UnknownClient, match="No client has the code 'NOPE'"):
        answerer.answer("price of sugar", actor=OPERATOR, client_code="NOPE")


def test_an_empty_question_is_refused(shop: Any) -> None:
    answerer, _ = _answerer(shop)
    with pytest.raises(DeskError, match="Type a question"):
        answerer.answer("   ", actor=OPERATOR)


def test_nothing_retrieved_says_it_is_not_in_the_documents(shop: Any) -> None:
    answerer, _ = _answerer(shop)
    answer = answerer.answer("Who won the match?", actor=OPERATOR)
    assert answer.text.startswith("Not in the documents") and answer.hits == ()


def test_the_heading_path_of_a_passage_is_never_the_highlighted_answer() -> None:
    passage = hit(
        "Delivery terms > Delivery to the islands\n- Islands get the ferry truck on Tuesdays.",
        title="Delivery terms",
    )
    mark = choose(terms("What are the delivery terms to the islands?"), [passage])
    assert mark.sentence == "Islands get the ferry truck on Tuesdays."


def test_a_listed_passage_keeps_its_lines_in_the_snippet() -> None:
    text = snippet("Rules\n- First rule here.\n- Second rule.", "Second rule.")
    assert text == "Rules  \n• First rule here.  \n• **Second rule.**"


def test_when_sql_answers_the_price_passages_beside_the_point_are_not_shown(shop: Any) -> None:
    education = hit("Operators complete two weeks of education before their first call.")
    catalogue = hit("OIL-1 Maslinovo ulje ekstra djevičansko 1 l, six bottles a carton.")
    answerer, _ = _answerer(shop, education, catalogue)
    answer = answerer.answer("What is the price of maslinovo ulje ekstra?", actor=OPERATOR)
    assert answer.facts.products[0].sku == "OIL-1"
    assert answer.hits == (catalogue,) and "education" not in answer.text
    assert answer.as_dict()["lead_source"] == 0 and answer.lead.startswith("OIL-1")


def test_when_sql_answers_a_lead_about_another_product_is_not_shown(shop: Any) -> None:
    # The passage names the oil (so it is shown), but the sentence with most of the
    # question's words is about rapeseed oil: quoted first, it would read as the answer.
    catalogue = hit(
        "Price of oil: Repičino ulje 1 l is 1.79 per bottle. "
        "OIL-1 Maslinovo ulje ekstra djevičansko 1 l comes six bottles a carton."
    )
    with shop.sessions.begin() as s:
        oil = s.scalar(select(Product).where(Product.sku == "OIL-1"))
        oil.other_names, oil.search_other = (
            "extra virgin olive oil 1 l",
            "extra virgin olive oil 1 l",
        )
    answerer, _ = _answerer(shop, catalogue)
    answer = answerer.answer("What is the price of olive oil?", actor=OPERATOR)
    assert answer.facts.products[0].sku == "OIL-1"
    assert answer.hits == (catalogue,)
    assert "Repičino" not in answer.lead and "1.79" not in answer.text.split("\n\n")[0]
    # The best sentence that names the oil is quoted instead.
    assert answer.lead.startswith("OIL-1 Maslinovo ulje")
