"""After-load checks: the call-backs Locust posted, the SQLite disk filled up."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from assistant.auth.rights import Actor
from assistant.calls.models import Call
from assistant.config import Settings
from assistant.outbound.models import CallbackRequest
from assistant.services import build_services


def callbacks(answers_file: Path, prefix: str) -> dict[str, Any]:
    """Accepted request ids equal the rows of this run, one row each, one id per request_id."""
    answers = [json.loads(line) for line in answers_file.read_text().splitlines() if line]
    statuses: dict[int, int] = defaultdict(int)
    ids: dict[str, set[int]] = defaultdict(set)
    for a in answers:
        statuses[a["status"]] += 1
        if a["status"] in (200, 201) and a.get("id") is not None:
            ids[a["request_id"]].add(int(a["id"]))
    desk = build_services(Settings())
    with desk.sessions() as s:
        rows = s.execute(
            select(CallbackRequest.request_id, func.count(), func.min(CallbackRequest.id))
            .where(CallbackRequest.request_id.like(f"{prefix}-%"))
            .group_by(CallbackRequest.request_id)
        ).all()
    desk.engine.dispose()
    in_sql = {rid: (count, first) for rid, count, first in rows}
    return {
        "posts": len(answers),
        "statuses": dict(statuses),
        "accepted_ids": len(ids),
        "rows": len(in_sql),
        "duplicate_rows": sum(1 for count, _first in in_sql.values() if count > 1),
        "accepted_not_in_sql": sum(1 for rid in ids if rid not in in_sql),
        "rows_never_accepted": sum(1 for rid in in_sql if rid not in ids),
        "repeat_answered_another_id": sum(
            1 for rid, got in ids.items() if len(got) > 1 or in_sql.get(rid, (0, -1))[1] not in got
        ),
    }


def _sh(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, check=False)  # noqa: S603


def disk_full(size_mb: int = 8) -> dict[str, Any]:
    """The SQLite set-up's disk fills up: refused writes say so, accepted ones are all kept.

    A small ext4 loop filesystem holds the database; a filler file takes the free space,
    then calls are started until SQLite refuses. Skipped, with the reason, when no loop
    filesystem can be made (no root, no loop devices: a container).
    """
    folder = Path(tempfile.mkdtemp(prefix="desk-diskfull-"))
    image, mount = folder / "disk.img", folder / "mnt"
    mount.mkdir()
    made = _sh("truncate", "-s", f"{size_mb}M", str(image))
    made = made if made.returncode else _sh("mkfs.ext4", "-q", "-F", str(image))
    made = made if made.returncode else _sh("mount", "-o", "loop", str(image), str(mount))
    if made.returncode:
        shutil.rmtree(folder, ignore_errors=True)
        return {"skipped": f"no loop filesystem: {(made.stderr or made.stdout).strip()[:200]}"}
    try:
        return _fill(mount)
    finally:
        _sh("umount", str(mount))
        shutil.rmtree(folder, ignore_errors=True)


def _fill(mount: Path) -> dict[str, Any]:
    from assistant.db import migrate

    desk = build_services(Settings(database_url=f"sqlite:///{mount}/desk.db"))
    migrate(desk.engine)
    filler = mount / "filler"
    _sh("dd", "if=/dev/zero", f"of={filler}", "bs=64k", "status=none")  # until the disk is full
    actor = Actor.of("load.operator00", ["operator"])
    accepted: list[int] = []
    errors: dict[str, int] = defaultdict(int)
    for n in range(2000):
        try:
            accepted.append(
                desk.calls.start(
                    actor=actor,
                    phone=f"+3851{n:07d}",
                    client_id=None,
                    purpose="order",
                    direction="incoming",
                    script_version="load",
                )
            )
        except Exception as err:  # noqa: BLE001 - what the operator would see, counted
            errors[" ".join(f"{type(err).__name__}: {err}".split())[:120]] += 1
            if sum(errors.values()) >= 20:
                break
    filler.unlink()
    desk.engine.dispose()
    desk = build_services(Settings(database_url=f"sqlite:///{mount}/desk.db"))
    with desk.engine.connect() as conn:
        integrity = conn.exec_driver_sql("PRAGMA integrity_check").scalar()
    with desk.sessions() as s:
        kept = int(s.scalar(select(func.count()).select_from(Call)) or 0)
    desk.engine.dispose()
    return {
        "accepted": len(accepted),
        "refused": sum(errors.values()),
        "errors": dict(errors),
        "in_sql_after": kept,
        "lost": max(0, len(accepted) - kept),
        "integrity_check": integrity,
    }
