"""Words the demo company is made of: people, business names, cities and streets."""

from __future__ import annotations

from dataclasses import dataclass


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in text.split("|"))


FIRST_NAMES = _words(
    "Ivan|Marko|Ana|Marija|Josip|Petra|Luka|Ivana|Tomislav|Katarina|Stjepan|Mia|Nikola|"
    "Lucija|Ante|Maja|Dario|Sanja|Krešimir|Željka|Zoran|Snježana|Goran|Đurđica|Mirjana|"
    "Hrvoje|Dubravka|Boris|Tihana|Damir|Jelena|Vesna|Branko|Matija|Lovro|Ružica|Zvonimir|"
    "Nives|Dragutin|Blaženka|Filip|Iva|Mate|Ljiljana|Vedran|Kristina|Šime|Gordana"
)
SURNAMES = _words(
    "Horvat|Kovačević|Babić|Marić|Jurić|Novak|Kovačić|Knežević|Vuković|Marković|Petrović|"
    "Matić|Tomić|Pavlović|Kovač|Božić|Blažević|Grgić|Pavić|Radić|Perić|Filipović|Šarić|"
    "Lovrić|Vidović|Perković|Popović|Bošnjak|Jukić|Barišić|Mikulić|Đurić|Šimić|Čačić|Žic|"
    "Lončar|Bašić|Mlinarić|Begić|Galić|Rukavina|Vlašić|Zorić|Bilić|Šokčević|Mandić|Dujmović"
)
# Evocative words Croatian shops, cafés and hotels are named after.
BUSINESS_WORDS = _words(
    "Jadran|Dalmacija|Maslina|Lavanda|Bonaca|Zagorje|Kvarner|Slavonija|Dubrava|Lanterna|"
    "Sidro|Galeb|Kornati|Vidikovac|Stari grad|Tri ruže|Zlatna školjka|Plavi val|Mirakul|"
    "Zvonimir|Cvijet|Sunce|Bura|Jugo|Maestral|Grič|Kaptol|Tkalča|Medvednica|Sljeme|"
    "Plitvice|Velebit|Učka|Biokovo|Mosor|Dinara|Lastovo|Vis|Hvar|Korčula|Brač|Mljet|"
    "Pelješac|Neretva|Drava|Sava|Kupa|Zrinski|Frankopan|Lipa|Hrast|Dvorac|Perla|Nostalgija"
)
MARKETS = _words("Dolac|Kvatrić|Trešnjevka|Branimirac|Utrine|Dubrava|Špansko|Jarun|Savica")
QUARTERS = _words(
    "Dubrava|Trešnjevka|Novi Zagreb|Sesvete|Špansko|Maksimir|Črnomerec|Trnje|Peščenica|"
    "Stenjevec|Podsused|Travno|Siget|Vrbani|Kajzerica|Jakuševec"
)
# Buyers from Serbia and Russian-owned firms write their names in Cyrillic.
CYRILLIC_NAMES = _words(
    "ООО Восток|ООО Балкан Трейд|ИП Смирнов|Трговина Јовановић д.о.о.|Ресторан Дунав|"
    "Маркет Нови Сад|ООО Северный путь|Пекара Петровић"
)


@dataclass(frozen=True)
class City:
    """A place clients are in, with what it takes to write its addresses and phones."""

    name: str
    region: str
    postcode: str
    country_code: str  # calling code
    area_code: str
    subscriber_digits: int
    home: bool  # in the wholesaler's own delivery area (not a regional client)


def _city(spec: str, *, home: bool, country: str = "385") -> City:
    name, region, postcode, area, digits = spec.split(";")
    return City(name, region, postcode, country, area, int(digits), home)


# The wholesaler sits in Zagreb: these are served by its own vans.
HOME_CITIES: tuple[City, ...] = tuple(
    _city(spec, home=True)
    for spec in (
        "Zagreb;Grad Zagreb;10000;1;7",
        "Sesvete;Grad Zagreb;10360;1;7",
        "Velika Gorica;Zagrebačka županija;10410;1;7",
        "Samobor;Zagrebačka županija;10430;1;7",
        "Zaprešić;Zagrebačka županija;10290;1;7",
        "Dugo Selo;Zagrebačka županija;10370;1;7",
        "Sveta Nedelja;Zagrebačka županija;10431;1;7",
        "Jastrebarsko;Zagrebačka županija;10450;1;7",
        "Vrbovec;Zagrebačka županija;10340;1;7",
    )
)
# Zagreb itself is where most clients are.
HOME_WEIGHTS = (12, 2, 2, 2, 2, 1, 1, 1, 1)

REGIONAL_CITIES: tuple[City, ...] = tuple(
    _city(spec, home=False)
    for spec in (
        "Split;Splitsko-dalmatinska županija;21000;21;6",
        "Rijeka;Primorsko-goranska županija;51000;51;6",
        "Osijek;Osječko-baranjska županija;31000;31;6",
        "Zadar;Zadarska županija;23000;23;6",
        "Pula;Istarska županija;52100;52;6",
        "Dubrovnik;Dubrovačko-neretvanska županija;20000;20;6",
        "Varaždin;Varaždinska županija;42000;42;6",
        "Slavonski Brod;Brodsko-posavska županija;35000;35;6",
        "Karlovac;Karlovačka županija;47000;47;6",
        "Šibenik;Šibensko-kninska županija;22000;22;6",
        "Čakovec;Međimurska županija;40000;40;6",
        "Vukovar;Vukovarsko-srijemska županija;32000;32;6",
        "Sisak;Sisačko-moslavačka županija;44000;44;6",
        "Bjelovar;Bjelovarsko-bilogorska županija;43000;43;6",
        "Koprivnica;Koprivničko-križevačka županija;48000;48;6",
        "Gospić;Ličko-senjska županija;53000;53;6",
        "Makarska;Splitsko-dalmatinska županija;21300;21;6",
    )
)
FOREIGN_CITIES: tuple[City, ...] = (
    _city("Beograd;Srbija;11000;11;7", home=False, country="381"),
    _city("Novi Sad;Srbija;21000;21;6", home=False, country="381"),
    _city("Sarajevo;Bosna i Hercegovina;71000;33;6", home=False, country="387"),
    _city("Ljubljana;Slovenija;1000;1;7", home=False, country="386"),
)

ZAGREB_STREETS = _words(
    "Ilica|Savska cesta|Vukovarska ulica|Ulica grada Vukovara|Maksimirska cesta|"
    "Heinzelova ulica|Zagrebačka avenija|Avenija Dubrovnik|Slavonska avenija|Radnička cesta|"
    "Ozaljska ulica|Selska cesta|Jarunska ulica|Trnjanska cesta|Branimirova ulica|"
    "Dubrava|Sesvetska cesta|Ulica Ivana Lučića|Kneza Branimira|Vlaška ulica"
)
TOWN_STREETS = _words(
    "Ulica kralja Tomislava|Ulica Ante Starčevića|Ulica Stjepana Radića|Trg slobode|"
    "Ulica hrvatskih branitelja|Zagrebačka ulica|Industrijska zona|Obala kneza Branimira|"
    "Ulica Matije Gupca|Put Supavla|Riva|Ulica bana Jelačića|Vukovarska ulica|Ulica kneza Višeslava"
)
FOREIGN_STREETS = _words(
    "Bulevar oslobođenja|Knez Mihailova|Ferhadija|Slovenska cesta|Bulevar kralja Aleksandra"
)
MOBILE_PREFIXES = _words("91|92|95|97|98|99")
