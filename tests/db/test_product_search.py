"""Product search as operators type it (defect 5): the head noun finds the product itself."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from assistant.catalog.search import ProductSearch
from tests import factories as f

OILS = {"UL-0001", "UL-0005", "UL-0011"}


@pytest.fixture
def search(session_factory: sessionmaker[Session]) -> ProductSearch:
    """Oils, and products that merely mention oil, as in the demo catalogue."""
    with session_factory.begin() as s:
        f.columns(s)
        f.product(s, "KO-0007", name="Tuna u ulju 80 g")
        f.product(s, "KO-0010", name="Sardine u ulju 125 g")
        f.product(s, "UL-0001", name="Maslinovo ulje ekstra djevičansko 0,5 l")
        f.product(s, "UL-0005", name="Suncokretovo ulje 1 l")
        f.product(s, "UL-0011", name="Ulje za prženje visoke stabilnosti 10 l")
        f.product(s, "SL-0001", name="Čokolada mliječna 100 g")
        f.product(s, "BR-0049", name="Čokoladna glazura 1 kg")
        f.product(s, "PI-0031", name="Sirup od bazge 0,5 l")
        f.product(s, "ML-0026", name="Paški sir")
    return ProductSearch(session_factory=session_factory)


def _skus(search: ProductSearch, query: str) -> list[str]:
    return [hit.sku for hit in search.lookup(query, column=None)]


@pytest.mark.parametrize("query", ["ulje", "ulja", "Ulje"])
def test_ulje_puts_every_oil_before_fish_in_oil(search: ProductSearch, query: str) -> None:
    found = _skus(search, query)
    assert set(found[:3]) == OILS
    assert set(found[3:]) == {"KO-0007", "KO-0010"}


def test_a_name_that_starts_with_the_word_typed_comes_first(search: ProductSearch) -> None:
    assert _skus(search, "ulje")[0] == "UL-0011"
    assert _skus(search, "cokolada")[0] == "SL-0001"


def test_the_head_word_beats_a_longer_word_that_starts_the_same(search: ProductSearch) -> None:
    assert _skus(search, "sir")[0] == "ML-0026"


def test_a_sku_typed_short_finds_the_product(search: ProductSearch) -> None:
    assert _skus(search, "ul11")[0] == "UL-0011"
    assert _skus(search, "ko-7")[0] == "KO-0007"


def test_a_word_typed_in_cyrillic_finds_the_latin_name(search: ProductSearch) -> None:
    assert _skus(search, "уље")[0] in OILS


@pytest.fixture
def named(session_factory: sessionmaker[Session]) -> ProductSearch:
    """Oils with their English and Russian names, and fish in oil without any."""
    with session_factory.begin() as s:
        f.columns(s)
        f.product(s, "KO-0007", name="Tuna u ulju 80 g", other_names="tuna in oil 80 g")
        f.product(
            s,
            "UL-0001",
            name="Maslinovo ulje ekstra djevičansko 0,5 l",
            other_names="extra virgin olive oil 0,5 l; оливковое масло экстра вирджин 0,5 l",
        )
        f.product(
            s,
            "UL-0005",
            name="Suncokretovo ulje 1 l",
            other_names="sunflower oil 1 l; подсолнечное масло 1 l",
        )
    return ProductSearch(session_factory=session_factory)


def test_an_other_name_typed_finds_the_product(named: ProductSearch) -> None:
    assert _skus(named, "sunflower")[0] == "UL-0005"
    assert _skus(named, "olive oil")[0] == "UL-0001"
    # Russian, inflected as said ("подсолнечного масла").
    assert _skus(named, "подсолнечного масла")[0] == "UL-0005"


def test_an_other_name_misspelt_still_finds_it(named: ProductSearch) -> None:
    assert _skus(named, "sunflwer")[0] == "UL-0005"


def test_the_name_the_words_were_found_in_ranks_them(named: ProductSearch) -> None:
    # "oil" starts no Croatian name; in English the oils are named by it, tuna merely has it.
    found = _skus(named, "oil")
    assert set(found[:2]) == {"UL-0001", "UL-0005"} and found[2:] == ["KO-0007"]
