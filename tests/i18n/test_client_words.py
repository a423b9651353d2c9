"""Words for the client in the operator's language: offers, credit, routes, rule files, answers.

The sentences are built per call in the language now, with that language's formats; the
editors' rule files keep their texts in hr and en, and a text missing in one language is
shown in the other with a notice.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from assistant import formats
from assistant.catalog.pricing import choose_column
from assistant.chat import prompt
from assistant.chat.extractive import passage_label
from assistant.chat.facts import facts_markdown
from assistant.chat.models import ClientContext, Facts, ProductFact
from assistant.clients.models import Client
from assistant.clients.routing import Router
from assistant.credit.service import assess
from assistant.errors import RulesError
from assistant.i18n import use_language
from assistant.offers import OfferService, texts
from assistant.orders.queries import OrderBook
from assistant.rules import load_rules
from assistant.rules.loader import DEFAULTS_DIR
from knowledge.models import Chunk, Hit
from tests import factories as f

DAY = date(2026, 11, 27)
NOTICE_HR = "Nema teksta na jeziku: Hrvatski"
NOTICE_EN = "Not available in English"


def _router(session_factory: sessionmaker[Session], rules_dir: Path | None = None) -> Router:
    return Router(
        session_factory=session_factory,
        rules=load_rules(rules_dir).routing,
        has_ordered=OrderBook(session_factory=session_factory).has_ordered,
    )


# Offers -------------------------------------------------------------------------------


def test_offer_reasons_speak_croatian_with_croatian_numbers_and_dates() -> None:
    with use_language("hr"):
        habit = texts.habit_why(orders_with=3, orders_total=10, usual=2.5, unit="kg", last=DAY)
        assert (
            habit == "Kupljeno u 3 od ukupno 10 narudžbi, obično 2,5 kg; zadnji put 27. 11. 2026."
        )
        assert texts.new_why(since=DAY) == "Novo u asortimanu od 27. 11. 2026."
        assert texts.special_why(title="Akcija", valid_to=DAY) == "Akcija, do 27. 11. 2026."
        assert texts.type_why(type_label="Tržničar", share=0.64) == (
            "Popularno kod kupaca tipa Tržničar: kupuje ga 64\xa0% njih"
        )
        assert texts.together_why(name="Brašno 1 kg") == "Često se kupuje uz artikl Brašno 1 kg"
        assert texts.percent(0.004) == "manje od 1\xa0%"


def test_offer_reasons_in_english_keep_english_formats() -> None:
    with use_language("en"):
        habit = texts.habit_why(orders_with=1, orders_total=1, usual=1234.5, unit="kg", last=DAY)
        assert habit == "Bought in 1 of its 1 order, usually 1,234.5 kg; last on 27 Nov 2026"
        assert texts.new_why(since=DAY) == "New in the assortment since 27 Nov 2026"


def test_croatian_order_counts_take_their_three_forms() -> None:
    with use_language("hr"):
        said = [
            texts.habit_why(orders_with=1, orders_total=n, usual=1, unit="kom", last=DAY)
            for n in (1, 3, 5, 21)
        ]
    assert [s.split(",")[0] for s in said] == [
        "Kupljeno u 1 od ukupno 1 narudžbe",
        "Kupljeno u 1 od ukupno 3 narudžbe",
        "Kupljeno u 1 od ukupno 5 narudžbi",
        "Kupljeno u 1 od ukupno 21 narudžbe",
    ]


def test_the_offers_name_the_client_type_in_the_language_of_each_call() -> None:
    # Built once (as the desk's services are), it still speaks the language of the call.
    service = OfferService(
        session_factory=sessionmaker(),
        type_labels={"marketer": {"hr": "Tržničar", "en": "Market trader"}},
    )
    with use_language("hr"):
        assert service._label("marketer") == "Tržničar"
    with use_language("en"):
        assert service._label("marketer") == "Market trader"


# Credit -------------------------------------------------------------------------------


def test_credit_sentences_speak_croatian_with_croatian_amounts_and_dates() -> None:
    docs = [
        ("INV-1", Decimal("1200.50"), DAY - timedelta(days=3)),
        ("INV-2", Decimal("70"), DAY + timedelta(days=10)),
    ]
    with use_language("hr"):
        status = assess(docs, limit=Decimal(1000), as_of=DAY)
        money = formats.money
        assert status.reason == (
            f"Narudžba blokirana: dospjelo {money(Decimal('1200.50'))}; najstariji dokument "
            "INV-1 dospio je 24. 11. 2026. (prije 3 dana), a otvoreni saldo "
            f"{money(Decimal('1270.50'))} prekoračuje kreditni limit {money(Decimal(1000))} "
            f"za {money(Decimal('270.50'))}."
        )
        assert "1.270,50\xa0€" in status.reason
        ok = assess([("INV-3", Decimal(10), DAY)], limit=None, as_of=DAY)
        assert (
            ok.reason
            == "Nema dospjelog duga; otvoreni saldo 10,00\xa0€, kreditni limit nije postavljen."
        )


def test_credit_sentences_in_english_read_english_amounts() -> None:
    with use_language("en"):
        status = assess([("INV-1", Decimal(20), DAY - timedelta(days=1))], limit=None, as_of=DAY)
    assert status.reason == (
        "Order blocked: €20.00 overdue; oldest document INV-1 was due 26 Nov 2026 (1 day ago)."
    )


# Routes -------------------------------------------------------------------------------


def _key_client(s: Session) -> Client:
    kam = f.manager(s, "KAM1", role="kam", available=False)
    f.manager(s, "KAM2", role="kam")
    f.manager(s, "HW", role="head", dept="wholesale")
    return f.client(s, "K1", type="key", manager=kam)


def test_route_sentences_follow_the_language_of_each_call(session_factory) -> None:
    with session_factory.begin() as s:
        key = _key_client(s)
        trader = f.client(s, "C1", type="marketer", manager=f.manager(s, "M1"))
    router = _router(session_factory)  # one router, as the desk keeps it, for both languages
    with use_language("hr"):
        hr = router.route(client=key, purpose="order")
        assert hr.reason == (
            "Ključni kupci naručuju preko svojeg voditelja ključnih kupaca. Person KAM1 "
            "(voditelj ključnih kupaca) nije na mjestu, pa poziv preuzima Person KAM2 "
            "(voditelj ključnih kupaca)."
        )
        assert hr.notice is None
        taken = router.route(client=trader, purpose="order")
        assert taken.reason == "Tržničar: operater sam preuzima narudžbu."
        unknown = router.route(client=None, purpose="order")
        assert unknown.reason.startswith("Nepoznati pozivatelj: Novim kupcima komercijalista")
        assert "(voditelj veleprodaje)" in unknown.reason
    with use_language("en"):
        en = router.route(client=key, purpose="order")
    assert en.reason.startswith("Key clients order through their key account manager.")
    assert "is absent, so Person KAM2 (key account manager) takes the call" in en.reason


# Rule files ---------------------------------------------------------------------------


def _write(folder: Path, name: str, old: str, new: str) -> Path:
    text = (DEFAULTS_DIR / name).read_text(encoding="utf-8")
    assert old in text, old
    (folder / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder / name


def test_a_reason_only_in_english_is_read_in_english_with_the_notice(
    session_factory, tmp_path: Path
) -> None:
    _write(
        tmp_path,
        "routing.yaml",
        "    reason:\n      hr: Ključni kupci naručuju preko svojeg voditelja ključnih kupaca\n"
        "      en: Key clients order through their key account manager\n",
        "    reason: {en: Key clients order through their key account manager}\n",
    )
    with session_factory.begin() as s:
        key = _key_client(s)
    router = _router(session_factory, tmp_path)
    with use_language("hr"):
        decision = router.route(client=key, purpose="order")
    assert decision.reason.startswith("Key clients order through their key account manager.")
    assert "nije na mjestu" in decision.reason  # the desk's own words stay Croatian
    assert decision.notice is not None and decision.notice.startswith(NOTICE_HR)
    assert decision.reason.endswith(f"({decision.notice})")
    with use_language("en"):
        assert router.route(client=key, purpose="order").notice is None


def test_a_plain_text_is_in_the_language_the_file_declares(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "price_columns.yaml",
        "    why:\n      hr: ključni kupci kupuju po stupcu D\n"
        "      en: key clients buy at column D\n",
        "    why: ključni kupci kupuju po stupcu D\n",
    )
    prices = load_rules(tmp_path).prices
    assert prices.language == "hr"
    key = Client(code="X", name="X", search_name="x", type="key")
    with use_language("hr"):
        assert choose_column(key, prices).why == "ključni kupci kupuju po stupcu D"
    with use_language("en"):
        why = choose_column(key, prices).why
    assert why.startswith("ključni kupci kupuju po stupcu D (Not available in English")


def test_a_file_without_a_language_key_reads_plain_texts_as_english(tmp_path: Path) -> None:
    (tmp_path / "price_columns.yaml").write_text(
        "columns: {A: Base price}\nrules:\n  - default: true\n    column: A\n"
        "    why: base price for everyone\n",
        encoding="utf-8",
    )
    prices = load_rules(tmp_path).prices
    with use_language("en"):
        assert prices.rules[0].why == "base price for everyone"
        assert prices.column_name("A") == "Base price"
    with use_language("hr"):
        assert prices.rules[0].why.startswith("base price for everyone (Nema teksta")


def test_the_shipped_rule_files_have_every_text_in_both_languages() -> None:
    rules = load_rules()
    texts_by_language = [
        *(r.label_by_language for r in rules.routing.client_types.values()),
        *(
            r.reason_by_language
            for r in rules.routing.client_types.values()
            if r.reason_by_language
        ),
        rules.routing.new_client.reason_by_language,
        rules.routing.other_purpose.reason_by_language,
        rules.routing.credit_blocked.reason_by_language,
        *rules.prices.columns.values(),
        *(r.why_by_language for r in rules.prices.rules),
    ]
    assert all(set(t) == {"hr", "en"} for t in texts_by_language)


@pytest.mark.parametrize(
    ("new", "fix"),
    [
        ("    reason: {hr: Samo preko KAM-a, de: Nur über den KAM}\n", "'de' is not a language"),
        ("    reason: {hr: '', en: Key clients}\n", "the hr text is empty"),
        ("    reason: [Key clients]\n", "write the text as a string or by language"),
    ],
)
def test_a_bad_text_by_language_is_refused_naming_file_place_and_fix(
    tmp_path: Path, new: str, fix: str
) -> None:
    path = _write(
        tmp_path,
        "routing.yaml",
        "    reason:\n      hr: Ključni kupci naručuju preko svojeg voditelja ključnih kupaca\n"
        "      en: Key clients order through their key account manager\n",
        new,
    )
    line = next(i for i, t in enumerate(path.read_text().splitlines(), 1) if t == new.rstrip("\n"))
    with use_language("en"), pytest.raises(RulesError) as err:
        load_rules(tmp_path)
    message = err.value.message
    assert f"routing.yaml:{line}: client_types.key.reason:" in message
    assert fix in message
    assert '{hr: "...", en: "..."}' in message or "write it in quotes" in message


def test_a_file_in_an_unknown_language_is_refused_with_the_fix(tmp_path: Path) -> None:
    _write(tmp_path, "routing.yaml", "language: hr\n", "language: de\n")
    with use_language("hr"), pytest.raises(RulesError) as err:
        load_rules(tmp_path)
    assert "routing.yaml:" in err.value.message
    assert "nije jezik pulta" in err.value.message
    assert "`language: hr` ili `language: en`" in err.value.message


# Answers ------------------------------------------------------------------------------


def test_answer_framing_and_sql_facts_speak_croatian() -> None:
    oil = ProductFact("OIL-1", "Ulje 1 l", "l", Decimal(6), "C", Decimal("1234.5"), Decimal(120))
    client = ClientContext("K1", "Obrt Kovačević", "marketer", "C", "tržničari kupuju po stupcu C")
    facts = Facts(client, (oil,), asks_price=True)
    with use_language("hr"):
        text = facts_markdown(facts)
        hit = Hit(
            chunk=Chunk(id="c1", doc="d.md", title="Uvjeti isporuke", text="x", page=2), score=1.0
        )
        label = passage_label(1, hit)
        system = prompt.system_prompt()
    assert text.splitlines()[0] == "Iz cjenika i zaliha (baza podataka):"
    assert "1.234,50\xa0€ za l u stupcu C (stupac kupca Obrt Kovačević: tržničari" in text
    assert "zaliha 120 l" in text and "pakiranje 6 l" in text
    assert label == "[1] *Uvjeti isporuke, str. 2*"
    assert "in Croatian" in system and '"Nije u dokumentima."' in system
    assert prompt.says_not_found("Nije u dokumentima.")
    assert prompt.says_not_found("Not in the documents.")
