"""Who may do what: the roles, the guarded actions, and the one check every service makes.

Pages show only what a user may use, but the services refuse on their own: a page is
never the only guard (issue 10).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from assistant.errors import DeskError
from assistant.i18n import N_, _

ROLES = ("operator", "trainee", "editor", "head", "admin")
ROLE_LABELS = {
    "operator": N_("operator"),
    "trainee": N_("trainee"),
    "editor": N_("knowledge editor"),
    "head": N_("head of sales"),
    "admin": N_("admin"),
}
SYSTEM = "system"  # the CLI's built-in account: every right, audited as "system"

# Each guarded action: the roles any one of which allows it, and what it is called in a
# refusal ("placing orders needs the operator role").
RIGHTS: dict[str, tuple[tuple[str, ...], str]] = {
    "order.place": (("operator",), N_("placing orders")),
    "call.record": (("operator",), N_("answering offers and registering calls")),
    "callback.work": (("operator",), N_("working the call-backs asked for on the website")),
    "order.advance": (("head",), N_("moving an order's status")),
    "import.accounts": (("admin",), N_("importing clients, managers, receivables or orders")),
    "import.catalog": (
        ("editor", "admin"),
        N_("importing products, prices, specials or discounts"),
    ),
    "knowledge.change": (("editor",), N_("publishing, replacing or retiring knowledge")),
    "script.activate": (("editor",), N_("activating a call script")),
    "users.manage": (("admin",), N_("managing users")),
    "backup.run": (("admin",), N_("backing up the desk")),
    "audit.read": (("head", "admin"), N_("reading the audit log")),
    # Heads and admins answer for any department (R20): the queue filters by department.
    "feedback.answer": (("head", "admin"), N_("reading and answering feedback for departments")),
    "tasks.manage": (("head", "admin"), N_("giving call tasks and reading their results")),
    # Operators read their own figures; heads and admins everyone's (R26-R27).
    "reports.read": (("operator", "head", "admin"), N_("reading the sales figures")),
    "reports.all": (("head", "admin"), N_("reading other operators' figures")),
    "data.read": (("operator", "editor", "head", "admin"), N_("reading client data and prices")),
}
# A trainee never writes real orders, whatever other roles it holds.
TRAINEE_NEVER = frozenset({"order.place", "call.record", "callback.work"})


class Forbidden(DeskError):
    """The acting user's roles do not allow the action."""

    code = "forbidden"


@dataclass(frozen=True)
class Actor:
    """Who is acting: a logged-in user, or the CLI's system account."""

    name: str
    roles: frozenset[str]
    # On a training call, against the sandbox: a trainee may read the (sandbox) client data
    # and prices it practises on, and still writes nothing real (issue 10, issue 11).
    training: bool = False

    @classmethod
    def of(cls, name: str, roles: Iterable[str], *, training: bool = False) -> Actor:
        return cls(name, frozenset(roles), training)

    @classmethod
    def system(cls) -> Actor:
        return cls(SYSTEM, frozenset(ROLES) - {"trainee"})

    def may(self, action: str) -> bool:
        """Whether the roles allow `action` (an unknown action is never allowed)."""
        if action not in RIGHTS:
            return False
        if "trainee" in self.roles and action in TRAINEE_NEVER:
            return False
        if action == "data.read" and self.training and "trainee" in self.roles:
            return True
        allowed, _what = RIGHTS[action]
        return bool(self.roles & set(allowed))


def require(actor: Actor, action: str) -> None:
    """Refuse with a message that says what is missing, or return."""
    if actor.may(action):
        return
    allowed, what = RIGHTS.get(action, ((), action))
    if "trainee" in actor.roles and action in TRAINEE_NEVER:
        said = _("{what} is not for trainees: practise on a training call.").format(what=_(what))
        raise Forbidden(said[:1].upper() + said[1:])
    roles = _(" or ").join(_(ROLE_LABELS[r]) for r in allowed)
    said = _("{what} needs the {roles} role.").format(what=_(what), roles=roles)
    raise Forbidden(said[:1].upper() + said[1:])
