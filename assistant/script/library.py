"""The call script in force: the newest activated version per language, else the shipped file."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.i18n.current import language as language_now
from assistant.i18n.texts import Chosen
from assistant.script.loader import Script, parse
from assistant.script.models import ScriptVersion
from assistant.script.shipped import FOLDER, shipped


class ScriptLibrary:
    """Reads (and, for editors, activates) the call script versions."""

    def __init__(self, *, session_factory: sessionmaker[Session], folder: Path = FOLDER) -> None:
        self._sessions = session_factory
        self._folder = folder
        self._parsed: dict[tuple[str, str], Script] = {}  # (language, version) -> script

    def active(self, wanted: str | None = None) -> Chosen[Script]:
        """The script the desk follows now, in the wanted language (or another, with a notice)."""
        row = self._newest(wanted or language_now())
        if row is None:
            return shipped(self._folder, wanted=wanted)
        key = (row.language, row.version)
        if key not in self._parsed:
            self._parsed[key] = parse(row.source, Path(row.file_name))
        return Chosen(self._parsed[key], row.language, None)

    def _newest(self, language: str) -> ScriptVersion | None:
        with self._sessions() as session:
            query = (
                select(ScriptVersion)
                .where(ScriptVersion.language == language)
                .order_by(ScriptVersion.id.desc())
                .limit(1)
            )
            return session.scalars(query).first()
