"""Users and login: Argon2 hashes, the lock-out window, disabled users, the audit rows."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, text

from assistant.auth.models import AuditEntry, User
from assistant.auth.rights import Actor, Forbidden
from assistant.auth.users import LoginRefused, UnknownUser, UserBook
from assistant.auth.validation import InvalidUser

ADMIN = Actor.of("root", ["admin"])
PASSWORD = "correct horse battery"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.at = datetime(2026, 11, 26, 9, 0)

    def __call__(self) -> datetime:
        return self.at


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def book(session_factory, clock: Clock) -> UserBook:
    users = UserBook(session_factory=session_factory, now=clock)
    users.add(actor=ADMIN, name="ana", roles=["operator"], password=PASSWORD)
    return users


def _audit(session_factory, action: str) -> list[AuditEntry]:
    with session_factory() as s:
        return list(
            s.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id))
        )


def test_the_right_password_gives_the_users_actor_and_records_the_login(book, session_factory):
    actor = book.authenticate(name="ana", password=PASSWORD)
    assert actor == Actor.of("ana", ["operator"])
    [row] = _audit(session_factory, "login")
    assert (row.actor, row.object, row.outcome) == ("ana", "ana", "ok")
    assert book.get("ana").last_login_at == datetime(2026, 11, 26, 9, 0)


def test_a_wrong_password_and_an_unknown_user_get_the_same_message(book, session_factory):
    with pytest.raises(LoginRefused) as wrong:
        book.authenticate(name="ana", password="not the password")
    with pytest.raises(LoginRefused) as unknown:
        book.authenticate(name="nobody", password="not the password")
    assert wrong.value.message == unknown.value.message == "Wrong username or password."
    assert [r.outcome for r in _audit(session_factory, "login")] == ["failed", "failed"]


def test_a_disabled_user_cannot_log_in_and_is_told_nothing_more(book, session_factory):
    book.disable(actor=ADMIN, name="ana")
    with pytest.raises(LoginRefused, match="^Wrong username or password.$"):
        book.authenticate(name="ana", password=PASSWORD)
    [row] = _audit(session_factory, "user.disable")
    assert row.actor == "root" and row.before["disabled"] is False and row.after["disabled"]


def test_five_failures_lock_the_name_for_fifteen_minutes_then_it_opens(book, clock: Clock):
    for _ in range(5):
        with pytest.raises(LoginRefused, match="Wrong username"):
            book.authenticate(name="ana", password="guess")
        clock.at += timedelta(minutes=1)
    # Locked from the fifth failure (09:04) until 09:19, even for the right password.
    with pytest.raises(LoginRefused, match=r"Too many attempts: try again in 14 min\."):
        book.authenticate(name="ana", password=PASSWORD)
    clock.at = datetime(2026, 11, 26, 9, 18, 30)
    with pytest.raises(LoginRefused, match="Too many attempts"):
        book.authenticate(name="ana", password=PASSWORD)
    clock.at = datetime(2026, 11, 26, 9, 19, 1)
    assert book.authenticate(name="ana", password=PASSWORD).name == "ana"


def test_failures_spread_over_more_than_the_window_do_not_lock(book, clock: Clock):
    for _ in range(6):
        with pytest.raises(LoginRefused, match="Wrong username"):
            book.authenticate(name="ana", password="guess")
        clock.at += timedelta(minutes=4)
    assert book.authenticate(name="ana", password=PASSWORD).name == "ana"


def test_an_unknown_name_locks_just_like_a_known_one(book, session_factory):
    for _ in range(5):
        with pytest.raises(LoginRefused):
            book.authenticate(name="ghost", password="guess")
    with pytest.raises(LoginRefused, match="Too many attempts: try again in 15 min"):
        book.authenticate(name="ghost", password="guess")
    assert _audit(session_factory, "login")[-1].outcome == "locked"
    assert book.authenticate(name="ana", password=PASSWORD).name == "ana"


def test_no_plain_password_is_stored_anywhere(book, session_factory):
    book.passwd(actor=ADMIN, name="ana", password="a new secret 2")
    book.authenticate(name="ana", password="a new secret 2")
    with session_factory() as s:
        [stored] = s.scalars(select(User.password_hash)).all()
        audit = s.execute(text("select * from audit_log")).all()
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in repr(audit) and "a new secret 2" not in repr(audit)
    assert "argon2" not in repr(audit)
    [row] = _audit(session_factory, "user.passwd")
    assert row.after == {"password": "changed"} and row.actor == "root"
    with pytest.raises(LoginRefused):
        book.authenticate(name="ana", password=PASSWORD)


def test_adding_writes_an_audit_row_without_the_hash_and_the_list_has_no_hash(
    book, session_factory
):
    [row] = _audit(session_factory, "user.add")
    assert row.actor == "root" and row.object == "ana" and row.outcome == "ok"
    assert row.after["roles"] == ["operator"] and "password_hash" not in row.after
    [listed] = book.list()
    assert "password_hash" not in listed.as_dict() and listed.as_dict()["roles"] == ["operator"]


def test_a_second_user_with_the_same_name_is_refused_with_the_way_out(book, session_factory):
    with pytest.raises(InvalidUser, match="A user named ana exists already.*desk users passwd"):
        book.add(actor=ADMIN, name="ana", roles=["head"], password=PASSWORD)
    assert len(_audit(session_factory, "user.add")) == 1


@pytest.mark.parametrize(
    ("name", "roles", "password", "says"),
    [
        ("Ana Horvat", ["operator"], PASSWORD, "User name 'Ana Horvat'"),
        ("<script>", ["operator"], PASSWORD, "lower-case letters"),
        ("bo", ["pilot"], PASSWORD, "Roles pilot: give one or more of operator, trainee"),
        ("bo", [], PASSWORD, "give one or more of"),
        ("bo", ["operator"], "short", "at least 10 characters"),
    ],
)
def test_bad_names_roles_and_passwords_are_refused_clearly(book, name, roles, password, says):
    with pytest.raises(Exception, match=says):
        book.add(actor=ADMIN, name=name, roles=roles, password=password)
    assert [u.name for u in book.list()] == ["ana"]


def test_only_an_admin_manages_users_and_a_refusal_is_audited(book, session_factory):
    head = Actor.of("boss", ["head", "operator"])
    with pytest.raises(Forbidden, match="Managing users needs the admin role"):
        book.add(actor=head, name="eve", roles=["admin"], password=PASSWORD)
    with pytest.raises(Forbidden):
        book.disable(actor=head, name="ana")
    assert [u.name for u in book.list()] == ["ana"] and not book.get("ana").disabled
    refused = _audit(session_factory, "user.add") + _audit(session_factory, "user.disable")
    assert [(r.actor, r.outcome) for r in refused] == [
        ("root", "ok"),
        ("boss", "forbidden"),
        ("boss", "forbidden"),
    ]


def test_a_user_sets_its_own_language_and_it_is_audited(book, session_factory):
    ana = Actor.of("ana", ["operator"])
    book.set_language(actor=ana, name="ana", language="hr")
    assert book.get("ana").language == "hr"
    with pytest.raises(InvalidUser, match="use hr or en"):
        book.set_language(actor=ana, name="ana", language="de")
    [row] = _audit(session_factory, "user.language")
    assert (row.before, row.after) == ({"language": None}, {"language": "hr"})


def test_an_email_maps_to_its_user_and_an_unknown_or_disabled_one_is_refused(book):
    book.add(actor=ADMIN, name="iva", roles=["editor"], password=None, email="Iva@Firma.hr")
    assert book.by_email("iva@firma.HR") == Actor.of("iva", ["editor"])
    with pytest.raises(LoginRefused, match="No active desk user has the e-mail x@firma.hr"):
        book.by_email("x@firma.hr")
    book.disable(actor=ADMIN, name="iva")
    with pytest.raises(LoginRefused):
        book.by_email("iva@firma.hr")
    # Signing in only by e-mail: no password can ever match.
    with pytest.raises(LoginRefused):
        book.authenticate(name="iva", password="")


def test_changing_an_unknown_user_says_where_to_look(book):
    with pytest.raises(UnknownUser, match="No user is named zed: see `desk users list`"):
        book.disable(actor=ADMIN, name="zed")


@pytest.mark.parametrize(
    "typed", ["a" * 100_000, "ana\x00", "<script>alert(1)</script>", "ana'; drop table users;--"]
)
def test_hostile_usernames_are_refused_like_any_wrong_login(book, session_factory, typed):
    with pytest.raises(LoginRefused, match="^Wrong username or password.$"):
        book.authenticate(name=typed, password="x\x00" * 10)
    with pytest.raises(LoginRefused):
        book.by_email(typed)
    [first, _second] = _audit(session_factory, "login")
    assert len(first.object) <= 200 and "\x00" not in first.object
    assert book.authenticate(name="ana", password=PASSWORD).name == "ana"
