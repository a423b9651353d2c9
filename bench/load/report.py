"""REPORT.md from a `make load` run's results (JSON files), with a chart of p95 per action."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TARGETS_MS = {"card": 150.0, "place": 150.0, "ask": 1000.0}
TARGET_OPERATORS = 25
CHART_ACTIONS = ("card", "place", "quote", "ask")


def _load(folder: Path, pattern: str) -> list[dict[str, Any]]:
    return [json.loads(p.read_text()) for p in sorted(folder.glob(pattern))]


def _table(runs: list[dict[str, Any]]) -> list[str]:
    out = [
        "| operators | calls/s | action | n | p50 ms | p95 ms | p99 ms | errors |",
        "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in runs:
        for action, f in run["actions"].items():
            out.append(
                f"| {run['operators']} | {run['calls_per_second']} | {action} | {f['n']} "
                f"| {f['p50']} | {f['p95']} | {f['p99']} | {f['errors']} |"
            )
    return out


def _targets(runs: list[dict[str, Any]]) -> list[str]:
    at = [r for r in runs if r["operators"] == TARGET_OPERATORS]
    if not at:
        return [f"No run at {TARGET_OPERATORS} operators in this report: targets not judged."]
    out = []
    for action, limit in TARGETS_MS.items():
        p95 = at[0]["actions"].get(action, {}).get("p95")
        verdict = "OK" if p95 is not None and p95 <= limit else "MISSED"
        out.append(f"- {action} p95 {p95} ms (target ≤ {limit:g} ms): **{verdict}**")
    return out


def _chart(runs: list[dict[str, Any]]) -> list[str]:
    """A PNG with matplotlib when it is installed, else an ASCII chart in the markdown."""
    series = {
        a: [(r["operators"], r["actions"].get(a, {}).get("p95") or 0.0) for r in runs]
        for a in CHART_ACTIONS
    }
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        top = max((v for points in series.values() for _o, v in points), default=1.0) or 1.0
        lines = ["```", "p95 (ms) against operators; each # is 1/40 of the largest", ""]
        for action, points in series.items():
            for ops, value in points:
                bar = "#" * max(1, round(40 * value / top)) if value else ""
                lines.append(f"{action:>6} @{ops:>3} ops | {bar} {value:g}")
        return [*lines, "```", "(matplotlib is not installed: an ASCII chart instead of a PNG)"]
    fig, ax = plt.subplots(figsize=(6, 3.5))
    for action, points in series.items():
        ax.plot([o for o, _v in points], [v for _o, v in points], marker="o", label=action)
    ax.set_xlabel("simulated operators")
    ax.set_ylabel("p95 ms")
    ax.set_yscale("log")
    ax.legend()
    fig.tight_layout()
    fig.savefig(HERE / "p95.png", dpi=100)
    return ["![p95 against operators](p95.png)"]


def _faults(faults: list[dict[str, Any]]) -> list[str]:
    out = []
    for run in faults:
        rec, log = run["reconcile"], run["fault_log"]
        verdict = "OK" if rec["lost"] == 0 and rec["duplicated"] == 0 else "LOST/DUPLICATED"
        out.append(f"### {run['fault']} ({run['operators']} operators, {run['seconds']:g} s)")
        out.append("")
        out.append(f"- injected at {log.get('at')}: {json.dumps(log, ensure_ascii=False)}")
        out.append(
            f"- orders placed {rec['placed']}, in SQL {rec['in_sql']}, lost {rec['lost']}, "
            f"duplicated {rec['duplicated']}, wrong total {rec['wrong_total']}, written but "
            f"not confirmed to the operator {rec['unconfirmed']}: **{verdict}**"
        )
        for action, f in run["actions"].items():
            for message, count in f["messages"].items():
                out.append(f"- operators saw on {action} ({count}×): `{message}`")
        out.append("")
    return out


def _cpu_ms_per_call(run: dict[str, Any]) -> float | None:
    """CPU milliseconds the whole set-up spent per call (all cores together)."""
    used = run.get("cpu")
    if not used or not run.get("calls_per_second"):
        return None
    return float(used["busy_share"] * used["cores"] * 1000 / run["calls_per_second"])


def _saturation(runs: list[dict[str, Any]]) -> list[str]:
    runs = [r for r in runs if r.get("cpu") and r.get("calls")]
    if not runs:
        return ["No CPU figures in these runs."]
    cores = runs[0]["cpu"]["cores"]
    out = [
        f"This machine: {cores} cores, shared by the load generator (whose worker processes",
        "run the desk's services as the app processes would), PostgreSQL, Chroma and nginx.",
        "",
        "| operators | calls/s | calls/s per operator | CPU busy | CPU ms per call | "
        "CPU s: generator / PostgreSQL / Chroma / other | load avg (1 min) |",
        "| ---: | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    for run in runs:
        parts = run["cpu"]["cpu_seconds"]
        split = " / ".join(
            str(parts.get(k, 0)) for k in ("load generator", "postgresql", "chroma", "other")
        )
        out.append(
            f"| {run['operators']} | {run['calls_per_second']} "
            f"| {run['calls_per_second'] / run['operators']:.3f} "
            f"| {run['cpu']['busy_share']:.0%} | {_cpu_ms_per_call(run):.0f} | {split} "
            f"| {run.get('load_average', [0])[0]:.1f} |"
        )
    first, last = runs[0], runs[-1]
    rate = first["calls_per_second"] / first["operators"]  # calls/s one unhurried operator makes
    ms = max(_cpu_ms_per_call(r) or 0.0 for r in runs)
    capacity = cores * 1000 / ms  # calls/s with every core busy, at the dearest call measured
    out += ["", "Reading, from the figures above:", ""]
    for run in runs[1:]:
        kept = run["calls_per_second"] / run["operators"] / rate
        state = "keeps up" if kept >= 0.85 else "falls behind: saturated"
        out.append(
            f"- at {run['operators']} operators each makes {kept:.0%} of the calls one makes "
            f"at {first['operators']}: it {state}."
        )
    for before, run in zip([None, *runs], runs, strict=False):
        over = [
            f"{a} p95 {run['actions'][a]['p95']} ms"
            for a, limit in TARGETS_MS.items()
            if (run["actions"].get(a, {}).get("p95") or 0) > limit
        ]
        if over:
            out.append(
                f"- at {run['operators']} operators the calls still keep pace, but the waits "
                f"grow past the targets ({', '.join(over)}): requests queue for the cores "
                f"({run['cpu']['busy_share']:.0%} busy). For the people waiting, it saturates "
                + (
                    f"between {before['operators']} and {run['operators']} operators."
                    if before
                    else "here."
                )
            )
            break
    out += [
        f"- A call costs at most {ms:.0f} CPU ms here, so the {cores} cores hold about "
        f"{capacity:.1f} calls/s ({capacity / cores:.1f} per core), that is about "
        f"{capacity / rate:.0f} operators working at this pace "
        f"(one operator: {rate:.3f} calls/s).",
        f"- At {last['operators']} operators the machine was {last['cpu']['busy_share']:.0%} busy.",
        "- A bigger machine: the calls/s it holds grows with its cores, as long as there is an",
        "  app process per core (a Python process runs on one core at a time) and PostgreSQL",
        "  and Chroma have hosts of their own (their CPU seconds above come off the app's).",
        "  More app processes on these same 2 cores add no capacity, only contention.",
        "- Asking (embedding the question, Chroma's search) is the dearest action: its p95",
        "  is the first to climb as the cores fill.",
    ]
    return out


def write(folder: Path, *, label: str) -> Path:
    runs = sorted(_load(folder, "run-*.json"), key=lambda r: r["operators"])
    faults = _load(folder, "fault-*.json")
    extra = {p.stem: json.loads(p.read_text()) for p in folder.glob("check-*.json")}
    lines = ["# Load and fault runs (`make load`)", "", f"**{label}**", ""]
    lines += ["## Figures per operator count", "", *_table(runs), ""]
    lines += ["## p95 against operators", "", *_chart(runs), ""]
    lines += [f"## Targets at {TARGET_OPERATORS} operators", "", *_targets(runs), ""]
    lines += ["## Reconciliation (every order placed, in SQL once, right total)", ""]
    for run in runs:
        lines.append(f"- {run['operators']} operators: `{json.dumps(run['reconcile'])}`")
    lines += ["", "## Fault runs", "", *_faults(faults)]
    for name, result in sorted(extra.items()):
        lines += [f"## {name}", "", "```json", json.dumps(result, indent=1), "```", ""]
    lines += ["## Where it saturates", "", *_saturation(runs), ""]
    path = HERE / "REPORT.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
