"""Follow-up pairs over the shipped procedures (knowledge/sources/): each question, then
a follow-up that only makes sense after it, with the fact each must bring (a regex that
must match the top passage)."""

from __future__ import annotations

from typing import NamedTuple


class Pair(NamedTuple):
    first: str
    first_fact: str
    follow_up: str
    fact: str


PAIRS = [
    # English, over knowledge/sources/procedures/*.md
    Pair("Who handles the calls of key clients?", r"key account manager",
         "And if the KAM is absent?", r"another\s+available KAM"),
    Pair("What is the deadline for complaints about hidden defects?", r"within 8 days",
         "And for frozen goods?", r"on the day of delivery"),
    Pair("What is the minimum order for free delivery in Zagreb?", r"150 EUR",
         "And for the islands?", r"Minimum order 400 EUR"),
    Pair("On which days do we deliver to Krk?", r"Tuesday and Friday",
         "And what is the ferry surcharge there?", r"35 EUR"),
    Pair("What does the operator do when a client has overdue debt?", r"Do not create the order",
         "What if the manager is absent then?", r"extension 240"),
    Pair("Who can raise a client's credit limit?", r"head of finance",
         "Can the operator promise that?", r"never\s+promises a higher limit"),
    Pair("What documents come with frozen fish?", r"health certificate",
         "And with meat and dairy?", r"health mark"),
    Pair("Who sends the HACCP certificate to a client?", r"quality department",
         "How long does that take?", r"within 2 working days"),
    Pair("What are the warehouse pickup hours for regional clients?", r"6:00-14:00",
         "Until when must they order for it?", r"by 15:00"),
    Pair("What is the minimum order value for regional delivery?", r"250 EUR",
         "And what is charged below it?", r"shipping charge is 25 EUR"),
    Pair("On which days do our trucks go to Dalmatia?", r"Dalmatia Wednesday",
         "And by courier?", r"parcels under 30 kg"),
    Pair("What is a Tjedna ponuda?", r"Monday to Sunday",
         "And how is the 10+1 entered?", r"separate line"),
    Pair("What do market traders get in the spring programme?", r"10\+1 on coffee",
         "Is it combined with the volume bonus?", r"not combined with the volume bonus"),
    Pair("What happens if nobody is there to receive a delivery?", r"waits 15 minutes",
         "And what does the second one cost?", r"second delivery costs 20 EUR"),
    Pair("What must the operator write down for a new client?", r"OIB",
         "Who calls them back?", r"calls the client back the same working day"),
    Pair("Can a Zagreb order be delivered the same afternoon?", r"same afternoon",
         "What are the delivery windows then?", r"6:00-10:00"),
    Pair("How are complaints registered?", r"order or invoice number",
         "Who approves a credit note for it?", r"approved by the manager"),
    Pair("Who gets a call about a debt dispute?", r"assigned manager",
         "And if that manager is absent?", r"head of the relevant\s+sales department"),
    # Croatian, over knowledge/sources/procedures/hr/
    Pair("Kome se prebacuje poziv ključnog kupca?", r"KAM-u kupca",
         "A ako taj KAM nije prisutan?", r"drugom prisutnom KAM"),
    Pair("Koliko je minimalna narudžba za otoke?", r"400 EUR",
         "A ako je manja od toga?", r"trajektni dodatak od 35 EUR"),
    Pair("Do kada kupac prijavljuje skrivene nedostatke?", r"8 dana",
         "A za smrznutu robu?", r"isti dan"),
    Pair("Kome operater upućuje kupca s dospjelim dugom?", r"komercijalist",
         "A ako je on odsutan?", r"financijsku službu"),
    Pair("Koje dokumente dobiva kupac uz smrznutu ribu?", r"zdravstveni certifikat",
         "A tko šalje HACCP certifikat?", r"odjel kvalitete"),
    Pair("Kada regionalni kupac može doći po robu u skladište?", r"radnim danom 6-14",
         "A što ako je ne preuzme?", r"vraća se na\s+zalihu"),
]  # fmt: skip
