"""`desk eval offers` on a history whose right answers are known by construction."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app

runner = CliRunner()
BEFORE = ["2024-01-05", "2024-02-05", "2024-03-05"]
AFTER = "2024-04-10"
CUT = "2024-04-01"


def _orders(path: Path) -> Path:
    """C1 is the one client scored; the others set up popularity and co-occurrence."""
    orders: list[tuple[str, str, str, list[str]]] = []
    for n, day in enumerate(BEFORE):
        orders.append((f"C1-{n}", "C1", day, ["A", "B"]))
        # Four fillers make P..T the most popular items (12 orders each), never with A or B.
        for filler in ("F1", "F2", "F3", "F4"):
            orders.append((f"{filler}-{n}", filler, day, ["P", "Q", "R", "S", "T"]))
        orders.append((f"C3-{n}", "C3", day, ["E"]))  # 3 earlier orders, none later
    # G buys X with A and B twice: X is what goes with them.
    orders += [("G-0", "G", BEFORE[0], ["A", "B", "X"]), ("G-1", "G", BEFORE[1], ["A", "B", "X"])]
    # C2 has only 2 earlier orders: not scored.
    orders += [("C2-0", "C2", BEFORE[0], ["D"]), ("C2-1", "C2", BEFORE[1], ["D"])]
    orders += [("C2-2", "C2", AFTER, ["D", "E"])]
    # C1's next order: A and B again (the draft), X new to it.
    orders.append(("C1-9", "C1", AFTER, ["A", "B", "X"]))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["order_no", "client_code", "date", "sku", "qty", "price"])
        for order_no, client, day, skus in orders:
            writer.writerows([order_no, client, day, sku, 2, 1.5] for sku in skus)
    return path


@pytest.fixture
def live(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A live database path that the evaluation must never create."""
    path = tmp_path / "live.db"
    monkeypatch.setenv("DESK_DATABASE_URL", f"sqlite:///{path}")
    return path


def test_eval_offers_scores_known_answers(tmp_path: Path, live: Path) -> None:
    orders = _orders(tmp_path / "orders.csv")
    result = runner.invoke(app, ["eval", "offers", "--orders", str(orders), "--cut", CUT, "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert set(figures) == {"clients", "traditional", "addons", "ms_per_client"}
    assert figures["clients"] == 1
    traditional = figures["traditional"]
    # Ours: A and B (its habits) among 5, against {A, B, X}.
    assert traditional["ours"] == {"precision@5": 0.4, "recall@5": pytest.approx(0.6667)}
    # Popularity: P..T, none of which C1 orders.
    assert traditional["popularity"] == {"precision@5": 0.0, "recall@5": 0.0}
    # Co-occurrence with its last order {A, B}: A, B and X.
    assert traditional["cooccurrence"] == {"precision@5": 0.6, "recall@5": 1.0}
    addons = figures["addons"]
    assert addons["orders"] == 1
    # Draft {A, B}: X is the one item bought with them, and new to C1.
    assert addons["ours"] == {"hit@4": 1.0, "precision@4": 0.25}
    assert addons["cooccurrence"] == {"hit@4": 1.0, "precision@4": 0.25}
    assert addons["popularity"] == {"hit@4": 0.0, "precision@4": 0.0}
    assert figures["ms_per_client"] > 0
    assert not live.exists()


def test_eval_offers_text_and_bad_cut(tmp_path: Path, live: Path) -> None:
    orders = _orders(tmp_path / "orders.csv")
    text = runner.invoke(app, ["eval", "offers", "--orders", str(orders), "--cut", CUT])
    assert text.exit_code == 0, text.output
    assert "precision@5 0.400" in text.stdout
    bad = runner.invoke(
        app, ["eval", "offers", "--orders", str(orders), "--cut", "April", "--json"]
    )
    assert bad.exit_code == 1
    assert json.loads(bad.stdout)["error"]
    assert not live.exists()
