"""Who a new call task is for and who makes the calls: checked against the database."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assistant.auth.models import User
from assistant.auth.rights import Actor
from assistant.clients.models import Client
from assistant.i18n import _
from assistant.outbound.sleeping import find_sleepers
from assistant.outbound.task_spec import InvalidTask, TaskSpec

MAX_CLIENTS = 5000


def pick_clients(
    session: Session, spec: TaskSpec, *, today: date, factor: float
) -> list[tuple[int, bool]]:
    """(client id, picked as sleeping) in calling order: by hand, sleepers, the filter."""
    picked: dict[int, bool] = {}
    if spec.clients:
        query = select(Client.code, Client.id).where(Client.code.in_(spec.clients))
        found = {code: client_id for code, client_id in session.execute(query)}
        unknown = [code for code in spec.clients if code not in found]
        if unknown:
            raise InvalidTask(
                _("No client has the code {codes}: check the codes (desk card CODE).").format(
                    codes=", ".join(unknown)
                ),
                field="clients",
            )
        picked.update((found[code], False) for code in spec.clients)
    if spec.sleeping:
        sleepers = find_sleepers(
            session, as_of=today, factor=factor, client_type=spec.sleeping.client_type
        )
        for sleeper in sleepers[: spec.sleeping.limit]:
            picked[sleeper.client_id] = True
    if spec.filter:
        matching = select(Client.id).order_by(Client.code)
        if spec.filter.client_type:
            matching = matching.where(Client.type == spec.filter.client_type)
        if spec.filter.region:
            matching = matching.where(func.lower(Client.region) == spec.filter.region.lower())
        for client_id in session.scalars(matching):
            picked.setdefault(client_id, False)
    if not picked:
        raise InvalidTask(
            _("No client matches: pick clients by code, or widen the sleeping or filter pick."),
            field="clients",
        )
    if len(picked) > MAX_CLIENTS:
        raise InvalidTask(
            _("{n} clients is too many for one task: at most {most}; narrow the filter.").format(
                n=len(picked), most=MAX_CLIENTS
            ),
            field="clients",
        )
    return list(picked.items())


def check_operators(session: Session, names: Sequence[str]) -> list[str]:
    """The operators as named, or InvalidTask naming who is unknown or may not take calls."""
    users = {u.name: u for u in session.scalars(select(User).where(User.name.in_(names)))}
    unknown = [n for n in names if n not in users]
    if unknown:
        raise InvalidTask(
            _("There is no desk user {names}: desk users list shows them.").format(
                names=", ".join(unknown)
            ),
            field="operators",
        )
    unable = [
        n
        for n in names
        if users[n].disabled or not Actor.of(n, users[n].roles or []).may("call.record")
    ]
    if unable:
        raise InvalidTask(
            _("{names} cannot take calls (disabled, or no operator role).").format(
                names=", ".join(unable)
            ),
            field="operators",
        )
    return list(names)


def operators_who_call(session: Session) -> list[str]:
    """The enabled users who may take calls, by name: the ones a task can go to."""
    users = session.scalars(select(User).where(User.disabled.is_(False)).order_by(User.name))
    return [u.name for u in users if Actor.of(u.name, u.roles or []).may("call.record")]
