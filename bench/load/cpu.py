"""Where a load run's CPU went: the machine's busy share and each part's CPU seconds.

Read from /proc before and after the run, so the report can reason per core: the CPU
milliseconds a call costs, and so how many calls a second a core (or a bigger machine) holds.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

CLOCK = os.sysconf("SC_CLK_TCK")
GROUPS = ("load generator", "postgresql", "chroma", "app processes", "other")


def _machine() -> tuple[int, int]:
    """(busy, total) clock ticks of all cores since boot."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle and iowait
    total = sum(fields[:8])
    return total - idle, total


def _group(pid: str) -> str:
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        comm = Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return "other"
    if comm == "postgres":
        return "postgresql"
    if "chroma" in cmd and " run" in cmd:
        return "chroma"
    if "streamlit run" in cmd:
        return "app processes"
    if "bench.load" in cmd or "multiprocessing" in cmd:
        return "load generator"
    return "other"


def _processes() -> dict[str, tuple[str, int]]:
    """pid -> (group, CPU ticks used so far)."""
    out = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[entry.name] = (_group(entry.name), int(stat[11]) + int(stat[12]))
    return out


def snapshot() -> dict[str, Any]:
    """The counters now."""
    busy, total = _machine()
    return {"busy": busy, "total": total, "processes": _processes()}


def spent(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The machine's busy share over the interval and the CPU seconds of each part.

    A process that ended in between (a PostgreSQL backend of a restart) is not counted in
    its part; the machine's busy share counts everything."""
    total = after["total"] - before["total"]
    share = (after["busy"] - before["busy"]) / total if total else 0.0
    parts = dict.fromkeys(GROUPS, 0)
    for pid, (group, ticks) in after["processes"].items():
        parts[group] += ticks - before["processes"].get(pid, (group, 0))[1]
    return {
        "cores": os.cpu_count() or 1,
        "seconds": round(total / CLOCK / (os.cpu_count() or 1), 1),
        "busy_share": round(share, 3),
        "cpu_seconds": {g: round(t / CLOCK, 1) for g, t in parts.items()},
    }
