"""Every word a page shows comes from the catalogue: a pseudo-language makes the misses show.

Each catalogued message is shown as ⟦message⟧. Whatever text a page draws outside such
brackets must be data (client and product names, codes, numbers); any other word is a
string that skipped the catalogue, and the test names it and where it was seen.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
import yaml
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from streamlit.testing.v1 import AppTest

from assistant.i18n import catalog, use_language
from assistant.orders.draft import OrderDraft
from tests import factories as f
from tests.conftest import TODAY
from tests.desk_env import desk_env
from tests.ui.steps import logged_in

APP = str(Path(__file__).resolve().parents[2] / "app.py")
RULES = Path(__file__).resolve().parents[2] / "assistant" / "rules"
SCRIPT = Path(__file__).resolve().parents[2] / "knowledge" / "script"
PAGES = [
    "assistant/ui/pages/orders.py",
    "assistant/ui/pages/calls.py",
    "assistant/ui/pages/clients.py",
    "assistant/ui/pages/assistant.py",
    "assistant/ui/pages/knowledge.py",
    "assistant/ui/pages/audit.py",
    "assistant/ui/pages/tasks.py",
]
# The data of the company below: these words are names, not the desk's words.
DATA = """Obrt Kovačević Hotel Jadran Mesnica Dužnik Maslinovo ulje Šećer kristal
MGR KAM KAM2 FIN OIL SUGAR INV Zagreb Split Trgovina Ana Ivo Horvat manager kam head
finance wholesale retail regional EUR pcs kom EN HR Hrvatski English Receiver"""
_BRACKETED = re.compile(r"⟦[^⟦⟧]*⟧")
_NOT_WORDS = re.compile(r":material/\w+:|https?://\S+|`[^`]*`|<[^>]+>")


def _pseudo() -> Translations:
    with catalog.TEMPLATE.open("rb") as fp:
        template = read_po(fp, locale="hr")
    for message in template:
        if message.id:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            forms = [f"⟦{ids[0]}⟧", f"⟦{ids[-1]}⟧", f"⟦{ids[-1]}⟧"]
            message.string = tuple(forms) if isinstance(message.id, tuple) else forms[0]
    mo = BytesIO()
    write_mo(mo, template)
    mo.seek(0)
    return Translations(fp=mo, domain=catalog.DOMAIN)


@pytest.fixture
def pseudo_hr(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Croatian formats, pseudo-Croatian words."""
    pseudo = _pseudo()
    original = catalog._compiled
    monkeypatch.setattr(
        catalog, "_compiled", lambda language: pseudo if language == "hr" else original(language)
    )
    # AppTest formats widget options again in the test's thread: speak the page's language.
    with use_language("hr"):
        yield


@pytest.fixture
def company(
    db_url: str,
    engine: Any,
    session_factory: Any,
    services: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A client with history, a debtor, two products, a placed order and a logged call."""
    desk_env(monkeypatch, db_url, tmp_path, DESK_KNOWLEDGE_DIR=str(tmp_path / "sources"))
    st.cache_resource.clear()
    with session_factory.begin() as s:
        f.columns(s)
        mgr = f.manager(s, "MGR")
        f.manager(s, "KAM", role="kam", available=False)
        m1 = f.client(s, "M1", type="marketer", manager=mgr, name="Obrt Kovačević")
        debtor = f.client(s, "D1", type="marketer", manager=mgr, name="Mesnica Dužnik")
        f.receivable(s, debtor, "INV-7", "250", due=TODAY - timedelta(days=20))
        oil = f.product(
            s,
            "OIL",
            name="Maslinovo ulje 1 l",
            pack_size=Decimal(6),
            prices={"A": "10", "C": "9.5"},
        )
        f.product(s, "SUGAR", name="Šećer kristal 1 kg", prices={"A": "1", "C": "0.9"})
        for i in range(3):
            f.history(s, m1, oil, order_no=f"H{i}", day=TODAY - timedelta(days=7 * (i + 1)), qty=12)
    draft = OrderDraft.from_json(
        {
            "client": "M1",
            "idempotency_key": "k1",
            "lines": [{"sku": "OIL", "qty": 120}],
            "delivery": {"date": (TODAY + timedelta(days=1)).isoformat(), "window": "08-12"},
            "receiver": "Ana",
            "payment": "cash",
            "documents": ["invoice"],
        }
    )
    services.placement.place(draft=draft, actor=f.acting("ana"))
    services.calls.start(
        actor=f.acting("ana"), phone="+38512345678", client_id=None, purpose="order"
    )


def _texts(node: Any) -> Iterator[str]:
    """Every text a person reads in an element tree: labels, bodies, placeholders, help."""
    proto = getattr(node, "proto", None)
    if proto is not None:
        for field in ("label", "body", "placeholder", "help", "caption"):
            try:
                value = getattr(proto, field)
            except AttributeError:
                continue
            if isinstance(value, str) and value:
                yield value
        for block in ("expandable", "tab"):
            if hasattr(proto, "HasField") and _has(proto, block):
                yield getattr(proto, block).label
    if type(node).__name__ == "Dataframe":
        yield from _headers(node)
    for child in getattr(node, "children", {}).values():
        yield from _texts(child)


def _headers(grid: Any) -> Iterator[str]:
    """A grid's column headers as shown: the column_config label, else the column's name."""
    config = json.loads(grid.proto.columns or "{}")
    for column in grid.value.columns:
        shown = config.get(str(column), {})
        if shown.get("hidden"):
            continue
        yield str(shown.get("label") or column)


def _has(proto: Any, field: str) -> bool:
    try:
        return bool(proto.HasField(field))
    except ValueError:
        return False


def _croatian(value: Any, *, croatian: bool = False) -> str:
    """The Croatian words of a rule file: under `hr:` keys, or everything of a `language: hr`
    file but its `en:` texts."""
    if isinstance(value, dict):
        croatian = croatian or value.get("language") == "hr"
        return " ".join(
            _croatian(v, croatian=(k == "hr") or (croatian and k != "en")) for k, v in value.items()
        )
    if isinstance(value, list):
        return " ".join(_croatian(v, croatian=croatian) for v in value)
    return str(value) if croatian and isinstance(value, str) else ""


def _uncatalogued(at: AppTest) -> set[str]:
    # The editors' rule files and call script hold their own words in both languages
    # (labels, reasons, the lines to say): those are data here, as names are.
    editors = " ".join(
        _croatian(yaml.safe_load(p.read_text("utf-8")))
        for p in [*RULES.glob("*.yaml"), *SCRIPT.glob("*.yaml")]
    )
    data = {w.casefold() for w in re.findall(r"\w+", DATA + " " + editors)}
    missed = set()
    for text in _texts(at._tree):
        if text.lstrip().startswith("<style"):
            continue
        rest = text
        while _BRACKETED.search(rest):
            rest = _BRACKETED.sub(" ", rest)
        rest = _NOT_WORDS.sub(" ", rest)
        words = [w for w in re.findall(r"[^\W\d_]{3,}", rest) if w.casefold() not in data]
        if words:
            missed.add(text)
    return missed


# One backend is enough: the words do not depend on the database.
SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@SQLITE_ONLY
def test_the_live_call_shows_no_word_outside_the_catalogue(pseudo_hr: None, company: None) -> None:
    at = logged_in(AppTest.from_file(APP, default_timeout=60))
    at.session_state["language"] = "hr"
    at.run()
    at.text_input(key="caller_query").input("kovacevic").run()
    at.text_input(key="product_query").input("maslinovo").run()
    assert not at.exception, at.exception
    assert _uncatalogued(at) == set()
    at.text_input(key="caller_query").input("duznik").run()  # credit blocked, transfer
    assert _uncatalogued(at) == set()
    at.text_input(key="caller_query").input("nobody at all").run()  # a new caller
    assert _uncatalogued(at) == set()


@SQLITE_ONLY
@pytest.mark.parametrize("page", PAGES)
def test_each_page_shows_no_word_outside_the_catalogue(
    page: str, pseudo_hr: None, company: None
) -> None:
    at = logged_in(AppTest.from_file(APP, default_timeout=60))
    at.session_state["language"] = "hr"
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert _uncatalogued(at) == set()
