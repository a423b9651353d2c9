"""The call script in force: the newest activated version per language, else the shipped file.

Editors activate a new version; it is checked first and an invalid one is refused whole,
so the version in force stays. Every activation is kept: the history and old texts.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.auth import audit
from assistant.auth.rights import Actor
from assistant.errors import DeskError
from assistant.i18n import _, ngettext
from assistant.i18n.current import language as language_now
from assistant.i18n.texts import Chosen
from assistant.script.check import Problem, validate
from assistant.script.loader import Script, parse
from assistant.script.models import ScriptVersion
from assistant.script.shipped import FOLDER, STEM, shipped

# How long a process trusts what it last read: an activation made in another process (the
# CLI, a second server) reaches the live page within this time; one made here at once.
FRESH_FOR = 2.0


class ScriptInvalid(DeskError):
    """A script refused for activation: every problem, each with file, line and fix."""

    code = "script_invalid"

    def __init__(self, file_name: str, problems: list[Problem]) -> None:
        head = ngettext(
            "{file} is not activated ({count} error); the script in force stays:",
            "{file} is not activated ({count} errors); the script in force stays:",
            len(problems),
        ).format(file=file_name, count=len(problems))
        super().__init__("\n".join([head, *(str(p) for p in problems)]))
        self.found = problems

    def as_dict(self) -> dict[str, Any]:
        out = super().as_dict()
        out["problems"] = [
            {"file": p.path, "line": p.line, "message": p.message, "fix": p.fix} for p in self.found
        ]
        return out


class UnknownScriptVersion(DeskError):
    code = "unknown_script_version"


@dataclass(frozen=True)
class VersionInfo:
    """One activated version as the history lists it (its text is read with `source`)."""

    id: int | None  # None: the shipped file, which is never stored
    version: str
    language: str
    file_name: str
    activated_by: str | None
    activated_at: datetime | None
    unchanged: bool = False

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of the CLI."""
        out = asdict(self)
        out["activated_at"] = self.activated_at.isoformat() if self.activated_at else None
        return out


@dataclass(frozen=True)
class _Seen:
    """What `active` last read for one language: the row's id (None: shipped) and when."""

    row_id: int | None
    chosen: Chosen[Script]
    at: float


class ScriptLibrary:
    """Reads, activates and lists the call script versions."""

    def __init__(self, *, session_factory: sessionmaker[Session], folder: Path = FOLDER) -> None:
        self._sessions = session_factory
        self._folder = folder
        self._seen: dict[tuple[str, str], _Seen] = {}  # (wanted, language now) -> last read

    def active(self, wanted: str | None = None) -> Chosen[Script]:
        """The script the desk follows now, in the wanted language (or another, with a notice)."""
        wanted = wanted or language_now()
        key = (wanted, language_now())  # a notice is worded in the language now
        seen = self._seen.get(key)
        now = time.monotonic()
        if seen is not None and now - seen.at < FRESH_FOR:
            return seen.chosen
        row_id = self._newest_id(wanted)
        if seen is None or seen.row_id != row_id:
            chosen = self._read(row_id, wanted)
        else:
            chosen = seen.chosen
        self._seen[key] = _Seen(row_id, chosen, now)
        return chosen

    def activate(
        self, text: str, *, file_name: str, actor: Actor, language: str | None = None
    ) -> VersionInfo:
        """Check `text` and make it the version in force for its language; refused if invalid.

        Editors only; the activation is audited with it, the refusal on its own.

        `language`, when given, is the one the editor meant: a file saying another is refused.
        """
        audit.guard(self._sessions, actor, "script.activate", Path(file_name).name)
        script, problems = validate(text, Path(file_name), language=language)
        if script is None or problems:
            raise ScriptInvalid(file_name, problems)
        current = self._newest(script.language)
        if current is not None and current.version == script.version:
            return self._info(current, unchanged=True)
        if current is None and self._shipped_version(script.language) == script.version:
            name = f"{STEM}.{script.language}.yaml"
            return VersionInfo(None, script.version, script.language, name, None, None, True)
        row = ScriptVersion(
            language=script.language,
            version=script.version,
            source=text,
            file_name=Path(file_name).name[:200],
            activated_by=actor.name,
        )
        with self._sessions.begin() as session:
            session.add(row)
            session.flush()
            info = self._info(row)
            before = {"version": current.version} if current is not None else None
            after = {"version": script.version, "language": script.language}
            audit.record(
                session, actor, "script.activate", row.file_name, before=before, after=after
            )
        self._seen.clear()
        return info

    def activate_file(self, path: Path, *, actor: Actor) -> VersionInfo:
        """`activate` for a file on disk."""
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DeskError(
                _(
                    "{path}: cannot read the file ({error}); give the path of a UTF-8 YAML file"
                ).format(path=path, error=exc)  # fmt: skip
            ) from exc
        return self.activate(text, file_name=str(path), actor=actor)

    def text(self, language: str) -> str:
        """The text of the version in force in `language` (the shipped file's if none is stored)."""
        row = self._newest(language)
        if row is not None:
            return row.source
        return (self._folder / f"{STEM}.{language}.yaml").read_text(encoding="utf-8")

    def history(self, language: str | None = None) -> list[VersionInfo]:
        """Every activated version, newest first, of one language or all."""
        query = select(
            ScriptVersion.id,
            ScriptVersion.version,
            ScriptVersion.language,
            ScriptVersion.file_name,
            ScriptVersion.activated_by,
            ScriptVersion.activated_at,
        ).order_by(ScriptVersion.id.desc())
        if language:
            query = query.where(ScriptVersion.language == language)
        with self._sessions() as session:
            return [VersionInfo(*row) for row in session.execute(query)]

    def source(self, version: int | str) -> str:
        """The text of an activated version, by its id or its version (content hash)."""
        query = select(ScriptVersion.source).order_by(ScriptVersion.id.desc()).limit(1)
        if isinstance(version, int):
            query = query.where(ScriptVersion.id == version)
        else:
            query = query.where(ScriptVersion.version == version)
        with self._sessions() as session:
            text = session.scalars(query).first()
        if text is None:
            raise UnknownScriptVersion(
                _("No script version {version}: pick one from `desk script history`.").format(
                    version=version
                )
            )
        return text

    def _read(self, row_id: int | None, wanted: str) -> Chosen[Script]:
        if row_id is None:
            return shipped(self._folder, wanted=wanted)
        with self._sessions() as session:
            row = session.get_one(ScriptVersion, row_id)
            return Chosen(parse(row.source, Path(row.file_name)), row.language, None)

    def _newest_id(self, language: str) -> int | None:
        query = select(ScriptVersion.id).where(ScriptVersion.language == language)
        with self._sessions() as session:
            return session.scalars(query.order_by(ScriptVersion.id.desc()).limit(1)).first()

    def _newest(self, language: str) -> ScriptVersion | None:
        row_id = self._newest_id(language)
        if row_id is None:
            return None
        with self._sessions() as session:
            return session.get(ScriptVersion, row_id)

    @staticmethod
    def _info(row: ScriptVersion, *, unchanged: bool = False) -> VersionInfo:
        return VersionInfo(
            row.id,
            row.version,
            row.language,
            row.file_name,
            row.activated_by,
            row.activated_at,
            unchanged,
        )

    def _shipped_version(self, language: str) -> str | None:
        """The version of the shipped file in `language`, if there is one."""
        chosen = shipped(self._folder, wanted=language)
        return chosen.value.version if chosen.language == language else None
