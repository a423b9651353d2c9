"""The demo company's departments and the people calls are transferred to."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from assistant.demo.names import FIRST_NAMES, SURNAMES
from assistant.feedback.departments import STANDARD

Row = dict[str, Any]

DEPARTMENTS = {
    "wholesale": "Veleprodaja",
    "retail": "Maloprodaja",
    "regional": "Regionalna prodaja",
    **STANDARD,  # quality, logistics, purchasing, finance, marketing: feedback goes there (R20)
}
FINANCE = "finance"


@dataclass(frozen=True)
class Person:
    """A manager as the generator needs to know them."""

    id: int
    code: str
    role: str
    department: str
    available: bool


@dataclass
class Staff:
    """Departments and managers, as rows and as people to assign clients to."""

    department_rows: list[Row] = field(default_factory=list)
    manager_rows: list[Row] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)

    def kams(self) -> list[Person]:
        """Key account managers, present or not."""
        return [p for p in self.people if p.role == "kam"]

    def managers_in(self, department: str) -> list[Person]:
        """Account managers (role manager; KAMs for wholesale key clients are separate)."""
        return [p for p in self.people if p.role == "manager" and p.department == department]


def build_staff(
    rng: random.Random,
    *,
    sales_departments: list[str],
    existing: dict[str, int],
    kams: int,
    managers_per_department: int,
) -> Staff:
    """Heads, KAMs, managers and finance; `existing` are department ids already stored."""
    staff = Staff()
    department_ids = _departments(staff, sales_departments, existing)
    names = _names(rng, kams + len(sales_departments) * (managers_per_department + 1) + 2)
    # Every third KAM and every fourth manager (counting from the third) is away today,
    # so the fallbacks of R4 and R6 always have someone to exercise them.
    plan: list[tuple[str, str, bool]] = [("kam", "wholesale", k % 3 != 2) for k in range(kams)]
    plan += [("head", dept, True) for dept in sales_departments]
    plan += [("finance", FINANCE, True)] * 2
    plan += [
        ("manager", dept, k % 4 != 2)
        for dept in sales_departments
        for k in range(managers_per_department)
    ]
    for n, (role, dept, available) in enumerate(plan, start=1):
        person = Person(n, f"M{n:02d}", role, dept, available)
        staff.people.append(person)
        staff.manager_rows.append(
            {
                "id": n,
                "code": person.code,
                "name": names[n - 1],
                "role": role,
                "department_id": department_ids[dept],
                "available": available,
                "extension": str(100 + n),
            }
        )
    return staff


def _departments(staff: Staff, sales: list[str], existing: dict[str, int]) -> dict[str, int]:
    """Ids of every department needed; rows only for those not stored yet."""
    ids = dict(existing)
    next_id = max(ids.values(), default=0) + 1
    for code in dict.fromkeys([*sales, FINANCE, *STANDARD]):
        if code not in ids:
            ids[code] = next_id
            staff.department_rows.append(
                {"id": next_id, "code": code, "name": DEPARTMENTS.get(code, code.title())}
            )
            next_id += 1
    return ids


def _names(rng: random.Random, count: int) -> list[str]:
    """`count` different Croatian full names."""
    pairs = [(f, s) for f in FIRST_NAMES for s in SURNAMES]
    return [f"{f} {s}" for f, s in rng.sample(pairs, count)]
