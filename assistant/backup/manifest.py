"""The manifest of a backup folder: what was written, its counts, and checksums to trust it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from assistant.errors import DeskError
from assistant.i18n import _

FILE = "manifest.json"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def checksums(root: Path) -> dict[str, str]:
    """Every file under `root` but the manifest, by its path relative to `root`."""
    return {
        path.relative_to(root).as_posix(): sha256(path)
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.name != FILE
    }


def write(root: Path, manifest: dict[str, Any]) -> None:
    text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True)
    (root / FILE).write_text(text + "\n", encoding="utf-8")


def read(root: Path) -> dict[str, Any]:
    """The manifest of a backup folder, or a DeskError saying why there is none."""
    path = root / FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError:
        raise DeskError(
            _("{folder} holds no readable {file}: is it a folder written by `desk backup`?").format(
                folder=root, file=FILE
            )
        ) from None
    except json.JSONDecodeError as exc:
        raise DeskError(
            _("{file} is damaged ({problem}): this backup cannot be trusted.").format(
                file=path, problem=exc.msg
            )
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
        raise DeskError(
            _("{file} lists no files: this backup cannot be trusted.").format(file=path)
        )
    return data


def verify(root: Path, manifest: dict[str, Any]) -> None:
    """Refuse, naming the file, when one is missing or its checksum differs."""
    for name, digest in sorted(manifest["files"].items()):
        path = root / name
        if not path.is_file():
            raise DeskError(
                _("The backup file {name} is missing: nothing was restored.").format(name=name)
            )
        if sha256(path) != digest:
            raise DeskError(
                _(
                    "The backup file {name} is corrupted (its checksum differs from the "
                    "manifest): nothing was restored. Use another backup."
                ).format(name=name)
            )
