"""Facts from SQL for a question: the client on the line and the products it names."""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.catalog.models import names_in
from assistant.catalog.pricing import choose_column
from assistant.catalog.search import ProductHit, ProductSearch
from assistant.catalog.vectors import ProductVectors
from assistant.chat import texts
from assistant.chat.models import ClientContext, Facts, ProductFact
from assistant.chat.product_meaning import asked_column, ids, named_by_meaning
from assistant.clients.lookup import ClientDirectory
from assistant.errors import UnknownClient
from assistant.formats import money, number
from assistant.i18n import _
from assistant.rules import PriceRules
from assistant.text import QUESTION_STOPWORDS, fold, same_stem, stems

# Words that make a question about price, stock or the client (folded; en, hr, ru).
PRICE_WORDS = ("price", "cost", "how much", "cijen", "kosta", "stoji", "цен", "стои", "почем")
STOCK_WORDS = (
    "stock", "in store", "available", "availab", "do we have", "have we got", "zalih",
    "imamo li", "ima li", "na stanju", "dostupn", "наличи", "остат", "есть ли", "склад",
)  # fmt: skip
CLIENT_WORDS = ("client", "customer", "column", "discount", "klijent", "kupac", "rabat",
                "stupac", "клиент", "скидк", "колонк")  # fmt: skip
_SKU = re.compile(r"\b[A-Z0-9][A-Z0-9._/-]{2,}\b")
# A name counts as mentioned when the question holds this share of its words.
_NAME_COVERAGE = 0.6
_MAX_PRODUCTS = 3
_MAX_NGRAM = 4


def _asks(question: str, words: tuple[str, ...]) -> bool:
    folded = f" {fold(question)} "
    return any(w in folded for w in words)


class FactFinder:
    """Reads the client's price column and the named products' prices and stock from SQL."""

    def __init__(
        self,
        *,
        catalog: ProductSearch,
        directory: ClientDirectory,
        price_rules: PriceRules,
        vectors: ProductVectors | None = None,
    ) -> None:
        self._catalog = catalog
        self._directory = directory
        self._rules = price_rules
        # Product names by meaning: a question in another language than the catalogue.
        self._vectors = vectors

    def client(self, code: str | None) -> ClientContext | None:
        """The client with `code` and its price column; None without a code."""
        if not code:
            return None
        client = self._directory.by_code(code)
        if client is None:
            raise UnknownClient(_(texts.UNKNOWN_CLIENT).format(code=code), field="client")
        choice = choose_column(client, self._rules)
        return ClientContext(client.code, client.name, client.type, choice.column, choice.why)

    def facts(self, question: str, *, client: ClientContext | None) -> Facts:
        """SQL facts when the question asks about a price, stock or the client."""
        asks_price = _asks(question, PRICE_WORDS)
        asks_stock = _asks(question, STOCK_WORDS)
        asks_client = bool(client) and _asks(question, CLIENT_WORDS)
        products: tuple[ProductFact, ...] = ()
        # A column the question names ("price in column B") wins over the client's.
        asked = asked_column(question, self._rules.columns)
        if asks_price or asks_stock:
            column = asked or (client.column if client else self._default_column())
            products = tuple(_fact(hit, column) for hit in self.mentioned(question, column))
        return Facts(client, products, asks_price, asks_stock, asks_client, asked)

    def _default_column(self) -> str | None:
        """The column of the default rule: the price anyone without a client gets."""
        return next((r.column for r in self._rules.rules if r.default), None)

    def mentioned(self, question: str, column: str | None) -> list[ProductHit]:
        """Products the question names: an exact SKU, or most words of a product's name."""
        found: dict[str, ProductHit] = {}
        for token in _SKU.findall(question):
            hit = self._catalog.get(token, column=column)
            if hit is not None:
                found[hit.sku] = hit
        words = [w for w in fold(question).split() if w not in QUESTION_STOPWORDS]
        asked = set(stems(" ".join(words)))
        for phrase in _phrases(words):
            for hit in self._catalog.lookup(phrase, column=column, limit=5):
                if hit.sku not in found and _named(hit, asked):
                    found[hit.sku] = hit
            if len(found) >= _MAX_PRODUCTS:
                break
        if not found and self._vectors is not None:
            # No name matched word for word: the question may name it in another language.
            near = named_by_meaning(self._vectors, question, limit=2 * _MAX_PRODUCTS)
            found = {hit.sku: hit for hit in self._catalog.by_ids(ids(near), column=column)}
        # The closest name first; a name matched word for word (size too) stands alone.
        said = set(re.findall(r"\w+", fold(question))) | asked
        close = {sku: max(_closeness(n, said) for n in _names(h)) for sku, h in found.items()}
        ranked = sorted(found.values(), key=lambda h: -close[h.sku])
        if ranked and close[ranked[0].sku] >= 1.0:
            ranked = [h for h in ranked if close[h.sku] >= 1.0]
        return ranked[:_MAX_PRODUCTS]


def _names(hit: ProductHit) -> list[str]:
    """The product's name, then its names in other languages."""
    return [hit.name, *names_in(hit.other_names)]


def _phrases(words: list[str]) -> list[str]:
    """Runs of consecutive content words, longest first (a name is rarely split)."""
    clean = [re.sub(r"[^\w.,-]", "", w) for w in words]
    clean = [w for w in clean if w]
    out: list[str] = []
    for size in range(min(_MAX_NGRAM, len(clean)), 0, -1):
        for start in range(len(clean) - size + 1):
            run = clean[start : start + size]
            # A lone short word ("oil", "5") would match half the catalogue.
            if size == 1 and (len(run[0]) < 4 or run[0].isdigit()):
                continue
            out.append(" ".join(run))
    return out


def _named(hit: ProductHit, asked: set[str]) -> bool:
    """The question names the product, in the catalogue's words or in another language's."""
    if _strong(_content(hit.name), asked):
        return True
    # Brand and size end every name alike: an other name is judged on the words before
    # them, where in English or Russian the product is often said last ("extra virgin
    # olive oil", "трёхслойная туалетная бумага").
    own = set(_content(hit.name))
    for other in _names(hit)[1:]:
        words = _content(other)
        while words and words[-1] in own:
            words.pop()
        if _strong(words, asked, tail=True):
            return True
    return False


def _content(name: str) -> list[str]:
    """The stems of a name that can name it: no numbers, no one- or two-letter units."""
    return [s for s in stems(name) if len(s) >= 3 and not s.isdigit()]


def _strong(name_words: list[str], asked: set[str], *, tail: bool = False) -> bool:
    """Most of the name's words are asked, or its leading words (its last ones too with
    `tail`); never one word of a longer name."""
    if not name_words:
        return False
    found = [any(same_stem(s, a) for a in asked) for s in name_words]
    if sum(found) < min(2, len(name_words)):
        return False
    # Croatian names lead with what the product is ("Maslinovo ulje ..."), then describe it.
    return (
        sum(found) / len(name_words) >= _NAME_COVERAGE
        or all(found[:2])
        or (tail and all(found[-2:]))
    )


def _closeness(name: str, said: set[str]) -> float:
    """Share of the name's words (sizes and units included) the question says."""
    words = re.findall(r"\w+", fold(name))
    stemmed = stems(" ".join(words))
    found = sum(1 for w, s in zip(words, stemmed, strict=True) if w in said or s in said)
    return found / len(words) if words else 0.0


def _fact(hit: ProductHit, column: str | None) -> ProductFact:
    return ProductFact(hit.sku, hit.name, hit.unit, hit.pack_size, column, hit.price, hit.stock)


def _number(value: Decimal) -> str:
    """A stock or pack size in the language now: "120", "2.5" ("2,5" in hr)."""
    return number(value if value == value.to_integral() else round(value, 2))


def facts_markdown(facts: Facts) -> str:
    """The facts as Markdown lines, numbers straight from SQL, in the language now."""
    lines: list[str] = []
    client = facts.client
    if client and facts.asks_client and not facts.products:
        lines.append(_(texts.CLIENT_FACT).format(**vars(client)))
    for p in facts.products:
        # A stock question is followed by "and how much?": the price comes with it.
        bits = [_price(p, facts)] if p.column is not None else []
        if p.stock is None:
            bits.append(_(texts.NO_STOCK_FACT))
        elif p.stock <= 0:
            bits.append(_(texts.OUT_OF_STOCK))
        else:
            bits.append(_(texts.STOCK_FACT).format(stock=_number(p.stock), unit=p.unit))
        if p.pack_size != 1:
            bits.append(_(texts.PACK_FACT).format(pack=_number(p.pack_size), unit=p.unit))
        lines.append(f"- **{p.name}** (`{p.sku}`): " + ", ".join(bits))
    if not lines:
        return ""
    return "\n".join([_(texts.FROM_DATABASE), *lines]) if facts.products else lines[0]


def _price(p: ProductFact, facts: Facts) -> str:
    """The product's price in its column, said as the column was chosen."""
    client = facts.client
    if p.price is None:
        return _(texts.NO_PRICE_FACT).format(column=p.column)
    if facts.asked_column and (not client or p.column != client.column):
        return _(texts.ASKED_PRICE_FACT).format(price=money(p.price), unit=p.unit, column=p.column)
    if client:
        return _(texts.PRICE_FACT).format(
            price=money(p.price), unit=p.unit, column=p.column, client=client.name, why=client.why
        )
    return _(texts.BASE_PRICE_FACT).format(price=money(p.price), unit=p.unit, column=p.column)
