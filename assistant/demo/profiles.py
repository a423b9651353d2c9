"""How each kind of client behaves: who it is, how often and how much it orders, and what."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TypeHabit:
    """The buying pattern of one client type of routing.yaml."""

    share: float  # of all clients
    interval_days: tuple[int, int]  # days between two orders, drawn once per client
    staples: tuple[int, int]  # products in (almost) every order
    occasional: tuple[int, int]  # products now and then
    packs: tuple[int, int]  # usual quantity of a line, in packs
    credit_limit: tuple[int, int]  # EUR
    sleeping: float  # share that stopped ordering months ago
    profiles: tuple[tuple[str, float], ...]  # kinds of business, with weights


TYPE_HABITS: dict[str, TypeHabit] = {
    # Chains and hotel groups: twice a week, wide and large.
    "key": TypeHabit(0.06, (3, 5), (12, 20), (15, 30), (3, 12), (40_000, 150_000), 0.0,
                     (("supermarket", 0.6), ("hotel_group", 0.4))),
    # Market stall traders: every week, a few lines, small quantities.
    "marketer": TypeHabit(0.22, (6, 8), (4, 8), (8, 15), (1, 3), (2_000, 8_000), 0.12,
                          (("market_stall", 0.75), ("butcher", 0.25))),
    "own_outlet": TypeHabit(0.03, (6, 8), (12, 18), (15, 25), (2, 6), (20_000, 50_000), 0.0,
                            (("own_outlet", 1.0),)),
    "retail": TypeHabit(0.30, (7, 14), (5, 10), (10, 20), (1, 3), (3_000, 15_000), 0.08,
                        (("grocery", 0.6), ("butcher", 0.2), ("bakery", 0.2))),
    # Far away: once a month, but a full truck.
    "regional": TypeHabit(0.15, (26, 34), (8, 14), (10, 20), (2, 6), (5_000, 30_000), 0.05,
                          (("grocery", 0.5), ("restaurant", 0.2), ("hotel", 0.1),
                           ("bakery", 0.1), ("pizzeria", 0.1))),
    "horeca": TypeHabit(0.25, (6, 8), (6, 12), (10, 20), (1, 4), (3_000, 25_000), 0.06,
                        (("cafe", 0.35), ("restaurant", 0.25), ("fish_restaurant", 0.1),
                         ("pizzeria", 0.15), ("hotel", 0.1), ("bakery", 0.05))),
}  # fmt: skip

# A type editors add to routing.yaml later still gets believable clients.
GENERIC_HABIT = TypeHabit(
    0.05, (7, 14), (5, 10), (10, 20), (1, 3), (3_000, 15_000), 0.05, (("grocery", 1.0),)
)


def habit_of(client_type: str) -> TypeHabit:
    """The buying pattern of `client_type`."""
    return TYPE_HABITS.get(client_type, GENERIC_HABIT)


@dataclass(frozen=True)
class Profile:
    """A kind of business: how it is named and which goods it lives on."""

    names: tuple[str, ...]  # templates: {surname} {word} {market} {quarter}
    categories: dict[str, float]  # category key -> weight of occasional picks
    core: tuple[str, ...]  # folded name prefixes of the goods its staples come from


_BROAD: dict[str, float] = {
    "oils": 3, "flour": 3, "pasta": 3, "coffee": 3, "dairy": 4, "meat": 3, "fish": 2,
    "veg": 2, "canned": 3, "spices": 2, "sweets": 3, "drinks": 4, "cleaning": 2,
}  # fmt: skip

PROFILES: dict[str, Profile] = {
    "grocery": Profile(
        ("Trgovina {surname}", "Samoposluga {word}", "Mini market {word}",
         "Obrt {surname}, trgovina"),
        _BROAD,
        ("brasno t-550", "secer kristal", "suncokretovo ulje", "kava mljevena", "trajno mlijeko",
         "jogurt", "maslac", "tjestenina spageti", "riza dugog zrna", "mineralna voda",
         "toaletni papir", "sol kuhinjska", "deterdzent za sude", "keksi cajni", "pelati"),
    ),
    "market_stall": Profile(
        ("Obrt {surname}, tržnica {market}", "OPG {surname}, tržnica {market}"),
        {"sweets": 5, "spices": 5, "canned": 4, "oils": 3, "dairy": 1},
        ("med cvjetni", "ajvar", "suhe smokve", "orah jezgra", "ljesnjak jezgra", "bademi",
         "grozdice", "paprika slatka", "lovorov list", "maslinovo ulje", "bucino ulje",
         "paski sir", "kikiriki"),
    ),
    "butcher": Profile(
        ("Mesnica {surname} d.o.o.", "Mesnica {word}", "Obrt {surname}, mesnica"),
        {"meat": 10, "spices": 4, "cleaning": 2, "canned": 1},
        ("prsut", "kulen", "slanina", "cajna kobasica", "sunka kuhana", "hrenovke",
         "papar crni", "paprika slatka", "sol morska", "cesnjak", "rukavice nitrilne"),
    ),
    "bakery": Profile(
        ("Pekara {surname}", "Pekarnica {word}", "Obrt {surname}, pekara"),
        {"flour": 10, "dairy": 3, "sweets": 3, "cleaning": 1},
        ("brasno t-550", "brasno t-850", "brasno t-400", "brasno razeno", "kvasac",
         "secer kristal", "margarin", "sezam", "mak", "prasak za pecivo", "poboljsivac",
         "vanilin secer", "maslac", "krem namaz"),
    ),
    "cafe": Profile(
        ("Caffe bar {word}", "Kavana {word}", "Slastičarnica {word}"),
        {"coffee": 10, "drinks": 8, "dairy": 3, "sweets": 2, "cleaning": 2},
        ("kava u zrnu", "secer porcijski", "vrhnje za kavu", "mlijeko za barista",
         "caj ", "topla cokolada", "mineralna voda", "sok od", "tonic", "cola",
         "case papirnate", "salvete"),
    ),
    "restaurant": Profile(
        ("Restoran {word}", "Gostionica {surname}", "Bistro {word}"),
        {"meat": 5, "veg": 5, "oils": 4, "pasta": 4, "spices": 4, "canned": 3, "dairy": 3,
         "fish": 3, "drinks": 3, "cleaning": 3},
        ("suncokretovo ulje", "ulje za przenje", "smrznuti pomfrit", "pileca prsa",
         "svinjski vrat", "juneci but", "riza", "tjestenina", "vrhnje za kuhanje",
         "smrznuto mijesano", "papar", "sol morska", "vino", "deterdzent za strojno"),
    ),
    "fish_restaurant": Profile(
        ("Konoba {word}", "Riblji restoran {word}"),
        {"fish": 10, "oils": 5, "veg": 4, "drinks": 4, "spices": 3, "pasta": 2},
        ("smrznute lignje", "smrznuti oslic", "smrznute kozice", "smrznuta hobotnica",
         "smrznuti brancin", "smrznute dagnje", "maslinovo ulje", "vino malvazija",
         "vino plavac", "riza arborio", "sol morska", "smrznuti file tune"),
    ),
    "pizzeria": Profile(
        ("Pizzeria {word}", "Pizzeria {surname}"),
        {"flour": 6, "dairy": 6, "canned": 6, "meat": 5, "oils": 3, "spices": 3, "drinks": 3},
        ("brasno t-400", "kvasac", "mozzarella", "pelati", "pasirana rajcica", "sunka za pizzu",
         "sampinjoni", "origano", "maslinovo ulje", "masline", "kutije za hranu", "cola"),
    ),
}  # fmt: skip

# Broad businesses live on what the narrower ones do.
PROFILES["hotel"] = Profile(
    ("Hotel {word}", "Hotel {word} d.d.", "Pansion {word}"),
    _BROAD,
    PROFILES["restaurant"].core + PROFILES["cafe"].core,
)
PROFILES["hotel_group"] = Profile(
    ("Hotelska grupa {word} d.d.", "{word} hoteli d.d.", "Hotel {word} d.d."),
    _BROAD,
    PROFILES["hotel"].core,
)
PROFILES["supermarket"] = Profile(
    ("{word} market d.d.", "Trgovački lanac {word} d.o.o.", "Supermarketi {word} d.d."),
    _BROAD,
    PROFILES["grocery"].core + PROFILES["bakery"].core[:4] + PROFILES["market_stall"].core[:4],
)
PROFILES["own_outlet"] = Profile(
    ("Vlastita prodavaonica {quarter}",), _BROAD, PROFILES["supermarket"].core
)
