"""Product questions naming demo products in another language than the catalogue's
(Croatian): English, Russian, and Croatian sentences with the product said in English.
Each names the product the answer must state and the column its price must be in
(None: the default column)."""

from __future__ import annotations

from typing import NamedTuple


class Ask(NamedTuple):
    question: str
    product: str  # the demo product's name starts with this
    column: str | None


QUESTIONS = [
    # English
    Ask("What is the price of sunflower oil for column B?", "Suncokretovo ulje", "B"),
    Ask("How much is olive oil in column C?", "Maslinovo ulje", "C"),
    Ask("Price of ground coffee?", "Kava mljevena", None),
    Ask("How much does green tea cost in column B?", "Čaj zeleni", "B"),
    Ask("What is the price of butter?", "Maslac", None),
    Ask("Do we have honey in stock?", "Med cvjetni", None),
    Ask("Price of ketchup in column D?", "Kečap", "D"),
    Ask("How much is mayonnaise?", "Majoneza", None),
    Ask("What does sea salt cost in column B?", "Sol morska", "B"),
    Ask("Price of black pepper, column C?", "Papar crni", "C"),
    Ask("How much are frozen squid?", "Smrznute lignje", None),
    Ask("What is the price of apple vinegar in column B?", "Jabučni ocat", "B"),
    Ask("How much is toilet paper?", "Toaletni papir", None),
    Ask("Price of orange juice for column C?", "Sok od naranče", "C"),
    Ask("Is there mineral water in stock?", "Mineralna voda", None),
    # Russian
    Ask("Сколько стоит подсолнечное масло в колонке B?", "Suncokretovo ulje", "B"),
    Ask("Цена оливкового масла?", "Maslinovo ulje", None),
    Ask("Сколько стоит молотый кофе?", "Kava mljevena", None),
    Ask("Цена зелёного чая в колонке C?", "Čaj zeleni", "C"),
    Ask("Есть ли на складе сливочное масло?", "Maslac", None),
    Ask("Сколько стоит мёд?", "Med cvjetni", None),
    Ask("Цена кетчупа в колонке B?", "Kečap", "B"),
    Ask("Сколько стоит майонез?", "Majoneza", None),
    Ask("Цена морской соли?", "Sol morska", None),
    Ask("Сколько стоит чёрный перец в колонке D?", "Papar crni", "D"),
    Ask("Цена замороженных кальмаров?", "Smrznute lignje", None),
    Ask("Сколько стоит яблочный уксус?", "Jabučni ocat", None),
    Ask("Есть ли туалетная бумага на складе?", "Toaletni papir", None),
    Ask("Цена апельсинового сока в колонке B?", "Sok od naranče", "B"),
    # Croatian sentences, the product said in English
    Ask("Koliko košta sunflower oil u stupcu C?", "Suncokretovo ulje", "C"),
    Ask("Cijena za olive oil?", "Maslinovo ulje", None),
    Ask("Koja je cijena za ground coffee u stupcu B?", "Kava mljevena", "B"),
    Ask("Imamo li green tea na zalihi?", "Čaj zeleni", None),
    Ask("Koliko košta butter?", "Maslac", None),
    Ask("Cijena za honey u stupcu D?", "Med cvjetni", "D"),
    Ask("Koliko košta ketchup?", "Kečap", None),
    Ask("Cijena za mayonnaise u stupcu B?", "Majoneza", "B"),
    Ask("Koliko košta sea salt?", "Sol morska", None),
    Ask("Cijena za frozen squid u stupcu C?", "Smrznute lignje", "C"),
    Ask("Koliko košta toilet paper u stupcu B?", "Toaletni papir", "B"),
    Ask("Ima li na stanju mineral water?", "Mineralna voda", None),
    Ask("Cijena za orange juice?", "Sok od naranče", None),
]

# Price questions that name no product: stating one would be a false fact.
NO_PRODUCT = [
    "What is the price of delivery to the islands?",
    "How much does a second delivery cost?",
    "What is the price of the ferry surcharge?",
    "Koliko košta dostava u Zagrebu?",
    "Сколько стоит доставка на острова?",
    "Which price column do regional clients buy at?",
    # Added after the other names came in, when short words ("second delivery") were
    # found to come close to product names by meaning.
    "Price of the delivery on Sunday?",
    "How much is a pallet?",
    "What does the ferry cost?",
    "Koliko košta prijevoz?",
    "How much is the penalty for late payment?",
    "Сколько стоит доставка в субботу?",
    "What is the price of a return?",
]
