"""The shape of the tree a newcomer reads: small modules (docs/architecture.md)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 300
# Tests, migrations and data files may be long; everything else a person reads stays short.
CODE = ["assistant", "knowledge", "ingest", "bench", "app.py"]


def _modules() -> list[Path]:
    found: list[Path] = []
    for name in CODE:
        path = ROOT / name
        found.extend([path] if path.is_file() else sorted(path.rglob("*.py")))
    return [p for p in found if "migrations" not in p.parts]


def test_the_tree_has_modules_to_check() -> None:
    assert len(_modules()) > 50


def test_no_module_outside_tests_migrations_and_data_is_over_300_lines() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in _modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > LIMIT
    }
    assert long == {}, f"split these modules (over {LIMIT} lines): {long}"
