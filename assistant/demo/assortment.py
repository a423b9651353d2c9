"""The demo assortment: food categories, their items, sizes, packs and base prices."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    """An article the wholesaler stocks in one or more sizes."""

    name: str
    sizes: tuple[str, ...]
    price: float  # column A, EUR, of the first size
    packs: tuple[int, ...]  # pack size per size; the last one repeats
    unit: str
    min_packs: int  # smallest order in packs (0: no minimum)

    def pack_for(self, size_index: int) -> int:
        """How many units one pack of the size holds."""
        return self.packs[min(size_index, len(self.packs) - 1)]


@dataclass(frozen=True)
class Category:
    """A category of the assortment; `key` is what client profiles refer to."""

    key: str
    name: str
    prefix: str
    items: tuple[Item, ...]


def _i(
    name: str, sizes: str, price: float, packs: str = "1", unit: str = "kom", mn: int = 0
) -> Item:
    return Item(
        name=name,
        sizes=tuple(sizes.split("|")),
        price=price,
        packs=tuple(int(p) for p in packs.split("|")),
        unit=unit,
        min_packs=mn,
    )


_CATALOGUE: dict[tuple[str, str, str], tuple[Item, ...]] = {
    ("oils", "Ulja i octi", "UL"): (
        _i("Maslinovo ulje ekstra djevičansko", "0,5 l|1 l|5 l", 6.90, "12|12|2"),
        _i("Suncokretovo ulje", "1 l|5 l|10 l", 1.89, "12|4|1"),
        _i("Repičino ulje", "1 l|5 l", 1.79, "12|4"),
        _i("Ulje za prženje visoke stabilnosti", "10 l", 24.90),
        _i("Bučino ulje", "0,25 l|0,5 l", 5.50, "12"),
        _i("Vinski ocat", "1 l", 0.99, "12"),
        _i("Jabučni ocat", "1 l|5 l", 1.29, "12|4"),
        _i("Balzamični ocat", "0,5 l", 3.49, "6"),
        _i("Alkoholni ocat 9%", "1 l", 0.79, "12"),
    ),
    ("flour", "Brašno i pekarstvo", "BR"): (
        _i("Brašno T-550", "1 kg|5 kg|25 kg", 0.89, "10|4|1"),
        _i("Brašno T-850", "1 kg|25 kg", 0.85, "10|1"),
        _i("Brašno T-400 glatko", "1 kg|5 kg", 0.95, "10|4"),
        _i("Brašno raženo T-1250", "1 kg|25 kg", 1.19, "10|1"),
        _i("Kukuruzno brašno", "1 kg", 1.09, "10"),
        _i("Kvasac svježi", "42 g|500 g", 0.19, "50|10"),
        _i("Kvasac suhi", "7 g|500 g", 0.25, "24|10"),
        _i("Šećer kristal", "1 kg|5 kg|50 kg", 1.05, "10|4|1"),
        _i("Šećer u prahu", "500 g|1 kg", 1.20, "10"),
        _i("Smeđi šećer", "1 kg", 2.49, "10"),
        _i("Prašak za pecivo", "12 g|1 kg", 0.15, "50|6"),
        _i("Vanilin šećer", "10 g", 0.15, "50"),
        _i("Margarin za lisnato tijesto", "2 kg|10 kg", 7.50, "6|1"),
        _i("Margarin za kuhanje", "500 g|2,5 kg", 1.99, "12|4"),
        _i("Svinjska mast", "1 kg", 3.20, "10"),
        _i("Krušne mrvice", "500 g|5 kg", 1.29, "12|2"),
        _i("Poboljšivač za kruh", "1 kg|10 kg", 4.90, "6|1"),
        _i("Sezam", "500 g", 3.20, "10"),
        _i("Mak mljeveni", "200 g", 2.49, "12"),
        _i("Čokoladna glazura", "1 kg|5 kg", 6.90, "6|1"),
    ),
    ("pasta", "Tjestenina, riža i mahunarke", "TJ"): (
        _i("Tjestenina špageti", "500 g|5 kg", 0.99, "20|2"),
        _i("Tjestenina penne", "500 g|5 kg", 0.99, "20|2"),
        _i("Tjestenina fusilli", "500 g|3 kg", 0.99, "20|4"),
        _i("Tjestenina bez glutena", "500 g|5 kg", 2.49, "12|2"),
        _i("Lazanje listovi", "500 g", 1.79, "12"),
        _i("Domaći rezanci", "500 g", 1.59, "12"),
        _i("Njoki", "500 g|1 kg", 1.49, "12|6"),
        _i("Riža dugog zrna", "1 kg|5 kg|25 kg", 1.59, "10|4|1"),
        _i("Riža arborio", "1 kg", 2.79, "10"),
        _i("Riža basmati", "1 kg|5 kg", 2.99, "10|4"),
        _i("Kus-kus", "500 g", 1.49, "12"),
        _i("Palenta instant", "500 g", 1.19, "12"),
        _i("Ječmena kaša", "500 g", 1.09, "12"),
        _i("Leća crvena", "500 g", 1.89, "12"),
        _i("Grah tetovac", "1 kg|5 kg", 3.49, "10|2"),
        _i("Slanutak", "500 g", 1.79, "12"),
    ),
    ("coffee", "Kava i čaj", "KA"): (
        _i("Kava mljevena", "100 g|500 g|1 kg", 1.79, "24|12|6"),
        _i("Kava u zrnu espresso", "1 kg", 16.90, "6"),
        _i("Kava u zrnu crema", "1 kg", 14.90, "6"),
        _i("Instant kava", "200 g", 6.49, "12"),
        _i("Kava kapsule espresso", "50 kom", 12.90, "10"),
        _i("Kakao prah", "250 g", 2.99, "12"),
        _i("Topla čokolada instant", "1 kg", 8.90, "6"),
        _i("Čaj kamilica", "20 x 1,5 g", 1.19, "12"),
        _i("Čaj šipak", "20 x 2 g", 1.29, "12"),
        _i("Čaj zeleni", "20 x 1,75 g", 1.69, "12"),
        _i("Čaj crni", "20 x 2 g|100 x 2 g", 1.49, "12|6"),
        _i("Čaj metvica", "20 x 1,5 g", 1.19, "12"),
        _i("Šećer porcijski u vrećicama", "1000 x 5 g", 9.90, "1"),
    ),
    ("dairy", "Mliječni proizvodi", "ML"): (
        _i("Trajno mlijeko 2,8% m.m.", "1 l", 1.09, "12"),
        _i("Trajno mlijeko 0,9% m.m.", "1 l", 1.05, "12"),
        _i("Svježe mlijeko 3,2% m.m.", "1 l", 1.29, "10"),
        _i("Mlijeko za barista", "1 l", 1.59, "12"),
        _i("Vrhnje za kuhanje 20%", "200 ml|1 l", 0.99, "24|12"),
        _i("Slatko vrhnje 32%", "500 ml|1 l", 2.49, "12"),
        _i("Kiselo vrhnje 20%", "180 g|1 kg", 0.79, "20|6"),
        _i("Jogurt 2,8% m.m.", "180 g|1 kg", 0.55, "24|10"),
        _i("Maslac", "250 g|1 kg", 2.79, "20|10"),
        _i("Sir gouda u bloku", "", 7.90, "1", "kg", 2),
        _i("Sir edamer u bloku", "", 7.50, "1", "kg", 2),
        _i("Paški sir", "", 24.90, "1", "kg"),
        _i("Svježi kravlji sir", "500 g|1 kg", 2.29, "12|6"),
        _i("Mozzarella za pizzu", "1 kg|2,5 kg", 6.90, "6|4"),
        _i("Ribani parmezan", "100 g|1 kg", 2.99, "12|4"),
        _i("Vrhnje za kavu porcijsko", "120 x 10 g", 6.90, "6"),
        _i("Topljeni sir listići", "200 g|1 kg", 1.99, "12|6"),
        _i("Sirni namaz", "150 g", 1.39, "12"),
    ),
    ("meat", "Meso i delikatese", "ME"): (
        _i("Pršut dalmatinski", "", 19.90, "1", "kg"),
        _i("Šunka kuhana", "", 8.90, "1", "kg", 2),
        _i("Šunka za pizzu", "", 6.90, "1", "kg", 2),
        _i("Slanina dimljena", "", 7.90, "1", "kg"),
        _i("Kulen slavonski", "", 22.90, "1", "kg"),
        _i("Čajna kobasica", "", 12.90, "1", "kg"),
        _i("Salama zimska", "", 13.90, "1", "kg"),
        _i("Panceta", "", 10.90, "1", "kg"),
        _i("Hrenovke", "400 g|1 kg", 2.49, "12|6"),
        _i("Pileća prsa file", "", 7.49, "1", "kg", 5),
        _i("Pileći batak", "", 3.99, "1", "kg", 5),
        _i("Svinjski vrat", "", 6.99, "1", "kg", 3),
        _i("Juneći but", "", 11.90, "1", "kg", 3),
        _i("Mljeveno meso miješano", "", 6.49, "1", "kg", 3),
        _i("Ćevapi smrznuti", "1 kg", 6.90, "10"),
        _i("Pljeskavice smrznute", "1 kg", 6.50, "10"),
        _i("Pašteta jetrena", "100 g", 0.89, "24"),
    ),
    ("fish", "Smrznuta riba", "RI"): (
        _i("Smrznuti oslić file", "1 kg", 6.90, "10"),
        _i("Smrznute lignje očišćene", "1 kg", 9.90, "10"),
        _i("Smrznute kozice", "500 g|1 kg", 6.90, "10|10"),
        _i("Smrznuti losos file", "1 kg", 17.90, "5"),
        _i("Smrznuta pastrva", "1 kg", 8.90, "5"),
        _i("Smrznuti riblji štapići", "450 g|1 kg", 3.49, "12|6"),
        _i("Smrznuta hobotnica", "1 kg", 14.90, "5"),
        _i("Smrznuti brancin", "1 kg", 11.90, "5"),
        _i("Smrznute dagnje", "1 kg", 4.90, "10"),
        _i("Smrznuti file tune", "1 kg", 19.90, "5"),
        _i("Smrznuti plodovi mora mix", "1 kg", 7.90, "10"),
        _i("Smrznuta srdela", "1 kg", 3.90, "10"),
    ),
    ("veg", "Smrznuto povrće", "PO"): (
        _i("Smrznuti grašak", "450 g|2,5 kg", 1.49, "20|4"),
        _i("Smrznuta mahuna", "450 g|2,5 kg", 1.59, "20|4"),
        _i("Smrznuto miješano povrće", "450 g|2,5 kg", 1.69, "20|4"),
        _i("Smrznuti špinat", "450 g|2,5 kg", 1.49, "20|4"),
        _i("Smrznuti pomfrit ravni 10 mm", "2,5 kg", 4.49, "4"),
        _i("Smrznuti pomfrit steak", "2,5 kg", 5.29, "4"),
        _i("Smrznuta brokula", "450 g|2,5 kg", 1.89, "20|4"),
        _i("Smrznuti kukuruz šećerac", "450 g", 1.39, "20"),
        _i("Smrznute šumske gljive", "450 g|2,5 kg", 3.49, "20|4"),
        _i("Smrznuto šumsko voće", "450 g|2,5 kg", 2.99, "20|4"),
        _i("Smrznuto lisnato tijesto", "1 kg", 2.99, "10"),
    ),
    ("canned", "Konzerve i umaci", "KO"): (
        _i("Pelati rajčice", "400 g|2,5 kg", 0.89, "24|6"),
        _i("Pasirana rajčica", "500 g", 0.79, "12"),
        _i("Koncentrat rajčice", "140 g|850 g", 0.69, "24|12"),
        _i("Tuna u ulju", "80 g|1,7 kg", 1.29, "24|6"),
        _i("Sardine u ulju", "125 g", 1.19, "24"),
        _i("Grah u konzervi", "400 g", 0.99, "24"),
        _i("Kukuruz šećerac", "340 g|2,5 kg", 1.09, "24|6"),
        _i("Masline crne", "350 g|2,5 kg", 2.49, "12|4"),
        _i("Masline zelene", "350 g|2,5 kg", 2.29, "12|4"),
        _i("Kiseli krastavci", "680 g|3 kg", 1.79, "12|4"),
        _i("Ajvar blagi", "350 g|680 g", 2.49, "12"),
        _i("Ajvar ljuti", "350 g", 2.59, "12"),
        _i("Džem od marelice", "340 g|3 kg", 1.89, "12|4"),
        _i("Med cvjetni", "450 g|900 g", 5.49, "12|6"),
        _i("Majoneza", "630 g|5 kg", 2.49, "12|2"),
        _i("Kečap", "500 g|5 kg", 1.79, "12|2"),
        _i("Senf", "200 g|1 kg", 0.89, "12|6"),
        _i("Šampinjoni narezani", "400 g|3 kg", 1.49, "12|4"),
    ),
    ("spices", "Začini", "ZA"): (
        _i("Sol morska fina", "1 kg|25 kg", 0.49, "10|1"),
        _i("Sol kuhinjska jodirana", "1 kg", 0.39, "10"),
        _i("Papar crni mljeveni", "50 g|1 kg", 1.49, "20|6"),
        _i("Papar u zrnu", "50 g|1 kg", 1.69, "20|6"),
        _i("Paprika slatka mljevena", "100 g|1 kg", 1.29, "20|6"),
        _i("Paprika ljuta mljevena", "100 g", 1.39, "20"),
        _i("Dodatak jelima s povrćem", "250 g|1 kg", 1.99, "12|6"),
        _i("Lovorov list", "10 g", 0.89, "20"),
        _i("Origano", "10 g|250 g", 0.79, "20|6"),
        _i("Bosiljak", "10 g", 0.79, "20"),
        _i("Ružmarin", "20 g", 0.79, "20"),
        _i("Češnjak granulirani", "50 g|1 kg", 1.19, "20|6"),
        _i("Kim", "50 g", 0.99, "20"),
        _i("Cimet mljeveni", "50 g|1 kg", 1.09, "20|6"),
        _i("Muškatni oraščić", "20 g", 1.49, "20"),
        _i("Curry", "50 g", 1.19, "20"),
        _i("Čili papričice", "30 g", 1.29, "20"),
        _i("Temeljac goveđi", "1 kg", 6.90, "6"),
    ),
    ("sweets", "Slatkiši i grickalice", "SL"): (
        _i("Čokolada mliječna", "100 g", 1.29, "24"),
        _i("Čokolada za kuhanje", "200 g", 2.29, "20"),
        _i("Keksi čajni", "200 g|1 kg", 0.99, "24|6"),
        _i("Napolitanke lješnjak", "500 g", 2.49, "12"),
        _i("Bombonijera asortiman", "250 g", 5.90, "12"),
        _i("Žele bomboni", "100 g", 0.89, "24"),
        _i("Čips slani", "150 g", 1.49, "20"),
        _i("Čips paprika", "150 g", 1.49, "20"),
        _i("Kikiriki slani", "150 g|1 kg", 1.19, "20|6"),
        _i("Pereci slani", "150 g", 0.89, "20"),
        _i("Slani štapići", "250 g", 1.09, "20"),
        _i("Lješnjak jezgra", "200 g|1 kg", 3.49, "12|6"),
        _i("Orah jezgra", "200 g|1 kg", 3.99, "12|6"),
        _i("Bademi", "200 g|1 kg", 3.69, "12|6"),
        _i("Grožđice", "200 g|1 kg", 1.49, "12|6"),
        _i("Suhe smokve", "250 g", 3.29, "12"),
        _i("Kroasan s kremom od lješnjaka", "60 g", 0.59, "24"),
        _i("Krem namaz od lješnjaka", "400 g|3 kg", 3.49, "12|2"),
    ),
    ("drinks", "Pića", "PI"): (
        _i("Mineralna voda gazirana", "0,5 l|1,5 l", 0.59, "24|6"),
        _i("Izvorska voda negazirana", "0,5 l|1,5 l", 0.45, "24|6"),
        _i("Sok od naranče 100%", "0,2 l|1 l", 0.89, "24|12"),
        _i("Sok od jabuke 100%", "0,2 l|1 l", 0.85, "24|12"),
        _i("Nektar od marelice", "0,2 l|1 l", 0.79, "24|12"),
        _i("Ledeni čaj breskva", "0,5 l|1,5 l", 0.99, "24|6"),
        _i("Cola", "0,25 l|0,5 l|2 l", 0.89, "24|24|6"),
        _i("Tonic", "0,25 l", 0.95, "24"),
        _i("Gazirani sok naranča", "0,5 l|2 l", 0.89, "24|6"),
        _i("Pivo svijetlo", "0,5 l", 1.19, "24"),
        _i("Pivo tamno", "0,5 l", 1.39, "24"),
        _i("Vino graševina", "0,75 l", 4.90, "6"),
        _i("Vino plavac mali", "0,75 l", 7.90, "6"),
        _i("Vino malvazija", "0,75 l", 6.50, "6"),
        _i("Pelinkovac", "0,7 l", 9.90, "6"),
        _i("Rakija šljivovica", "0,7 l", 12.90, "6"),
        _i("Sirup od bazge", "0,5 l|1 l", 2.99, "12|6"),
        _i("Energetsko piće", "0,25 l", 1.19, "24"),
    ),
    ("cleaning", "Čišćenje i papir", "HO"): (
        _i("Papirnati ubrusi dvoslojni", "2 kom", 1.99, "12"),
        _i("Toaletni papir troslojni", "10 kom", 4.49, "6"),
        _i("Salvete papirnate 33x33", "500 kom", 4.90, "6"),
        _i("Deterdžent za suđe", "1 l|5 l", 1.49, "12|4"),
        _i("Deterdžent za strojno pranje posuđa", "5 kg|10 kg", 12.90, "4|1"),
        _i("Sredstvo za dezinfekciju površina", "1 l|5 l", 3.49, "12|4"),
        _i("Sredstvo za čišćenje podova", "1 l|5 l", 1.99, "12|4"),
        _i("Rukavice nitrilne", "100 kom", 6.90, "10"),
        _i("Vreće za smeće 120 l", "10 kom", 2.49, "20"),
        _i("Aluminijska folija", "30 m", 2.99, "12"),
        _i("Prozirna folija", "300 m", 5.49, "6"),
        _i("Papir za pečenje", "50 m", 3.99, "6"),
        _i("Čaše papirnate 0,2 l", "50 kom", 1.99, "20"),
        _i("Kutije za hranu za van", "50 kom", 6.90, "10"),
        _i("Tekući sapun", "1 l|5 l", 1.99, "12|4"),
        _i("Spužve za suđe", "10 kom", 1.49, "20"),
    ),
}

CATEGORIES: tuple[Category, ...] = tuple(
    Category(key, name, prefix, items) for (key, name, prefix), items in _CATALOGUE.items()
)

# House brands and lines: the same article from another producer is another SKU.
BRANDS: tuple[str, ...] = tuple(
    str.split(
        "Jadranka|Zlatno polje|Slavonka|Velebit|Kvarner|Istra Gold|Panonija|Bio vrt|Gastro Pro|"
        "Zagorka|Lika|Dalmatino|Sunčani dvori|Mediteran|Domaćica|Plavi val",
        "|",
    )
)

_SIZE = re.compile(r"^(?:(\d+) x )?(\d+(?:,\d+)?) ?(g|kg|ml|l|kom|m)$")
_TO_BASE = {"g": 1.0, "kg": 1000.0, "ml": 1.0, "l": 1000.0, "kom": 1.0, "m": 1.0}


def size_amount(size: str) -> float:
    """The quantity a size label holds, in grams, millilitres, pieces or metres."""
    if not size:
        return 1.0
    match = _SIZE.match(size)
    if match is None:
        raise ValueError(f"unreadable size {size!r}")
    count, amount, unit = match.groups()
    return int(count or 1) * float(amount.replace(",", ".")) * _TO_BASE[unit]


def size_price(item: Item, size_index: int) -> float:
    """Column A price of one size: bigger packages cost less per kilogram or litre."""
    ratio = size_amount(item.sizes[size_index]) / size_amount(item.sizes[0])
    return item.price * ratio**0.92
