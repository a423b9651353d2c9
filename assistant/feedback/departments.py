"""The departments a client's comment can go to: the company's table, with known names.

Any row of `departments` may receive feedback (the sales departments too); the five
every company has (R20) are made by `desk init` (`ensure_standard`) and the demo company.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.clients.models import Department
from assistant.errors import DeskError
from assistant.i18n import N_, _

# The departments R20 names: code -> the stored (Croatian) name a new company starts with.
STANDARD = {
    "quality": "Kontrola kvalitete",
    "logistics": "Logistika",
    "purchasing": "Nabava",
    "finance": "Financijska služba",
    "marketing": "Marketing",
}
# Codes the desk knows, named in the operator's language; a department the company
# adds is shown by its stored name.
LABELS = {
    "quality": N_("quality"),
    "logistics": N_("logistics"),
    "purchasing": N_("purchasing"),
    "finance": N_("finance"),
    "marketing": N_("marketing"),
    "wholesale": N_("wholesale"),
    "retail": N_("retail"),
    "regional": N_("regional"),
    "warehouse": N_("warehouse"),
}


class UnknownDepartment(DeskError):
    """A department code no row of the departments table has."""

    code = "unknown_department"


@dataclass(frozen=True)
class DepartmentView:
    """A department as the screens name it."""

    code: str
    name: str

    @property
    def label(self) -> str:
        """The name in the language now (a known code), else the company's own name."""
        return label(self.code, self.name)


def label(code: str, name: str | None = None) -> str:
    """A department's name for the screen."""
    if code in LABELS:
        return _(LABELS[code])
    return name or code


def listed(session: Session) -> list[DepartmentView]:
    """Every department, by code."""
    rows = session.execute(select(Department.code, Department.name).order_by(Department.code))
    return [DepartmentView(code, name) for code, name in rows]


def resolve(session: Session, code: str) -> Department:
    """The department with `code`; an unknown code is refused, naming the known ones."""
    wanted = code.strip().lower()
    found = session.scalars(select(Department).where(Department.code == wanted)).one_or_none()
    if found is not None:
        return found
    known = ", ".join(d.code for d in listed(session)) or _("none yet")
    raise UnknownDepartment(
        _("There is no department {code!r}; use one of: {known}.").format(code=code, known=known),
        field="department",
    )


def ensure_standard(session: Session) -> list[str]:
    """Add the standard departments a database lacks; returns the codes added."""
    have = {d.code for d in listed(session)}
    added = [code for code in STANDARD if code not in have]
    session.add_all(Department(code=code, name=STANDARD[code]) for code in added)
    return added
