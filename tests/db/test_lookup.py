"""Finding the caller by phone in any format, by code, or by a name typed roughly (R2)."""

from __future__ import annotations

import pytest

from assistant.clients.lookup import ClientDirectory
from tests import factories as f


@pytest.fixture
def directory(session_factory) -> ClientDirectory:
    with session_factory.begin() as s:
        f.client(s, "C100", phone="+385 1 234 5678", name="Obrt Kovačević, tržnica Dolac")
        f.client(s, "C200", phone="091 555 1234", name="Mesnica Horvat d.o.o.")
        f.client(s, "C300", name="ООО Восток")
    return ClientDirectory(session_factory=session_factory, default_country_code="385")


@pytest.mark.parametrize(
    "typed", ["+385 1 234 5678", "+38512345678", "01/234-5678", "00385 1 2345678"]
)
def test_a_phone_in_any_format_finds_the_client(directory: ClientDirectory, typed: str) -> None:
    found = directory.find(typed)
    assert [m.code for m in found] == ["C100"]
    assert found[0].matched_on == "phone"


def test_an_unknown_phone_is_a_new_caller(directory: ClientDirectory) -> None:
    assert directory.find("01/999-0000") == []


def test_a_client_code_finds_the_client_whatever_the_case(directory: ClientDirectory) -> None:
    found = directory.find("c200")
    assert found[0].code == "C200" and found[0].matched_on == "code"


def test_part_of_a_name_without_diacritics_finds_the_client(directory: ClientDirectory) -> None:
    assert directory.find("kovacevic")[0].code == "C100"


def test_a_name_with_a_typo_still_finds_the_client(directory: ClientDirectory) -> None:
    assert directory.find("Mesnica Horvt")[0].code == "C200"


def test_a_cyrillic_name_is_found_in_lower_case(directory: ClientDirectory) -> None:
    assert directory.find("восток")[0].code == "C300"


def test_an_empty_query_finds_nobody(directory: ClientDirectory) -> None:
    assert directory.find("   ") == []


def test_words_typed_in_any_order_find_the_client(directory: ClientDirectory) -> None:
    assert directory.find("dolac kovacevic")[0].code == "C100"


def test_a_new_client_is_found_right_after_it_is_added(directory, session_factory) -> None:
    assert directory.find("pekara sunce") == []
    with session_factory.begin() as s:
        f.client(s, "C400", name="Pekara Sunce")
    assert directory.find("pekara sunce")[0].code == "C400"
