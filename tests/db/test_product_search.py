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
