"""`make bench`: every benchmark in turn; each prints its figures next to its target."""

from __future__ import annotations

import importlib
import sys
import traceback

BENCHES = {
    "demo": ("bench.bench_demo", ["--scale", "small"]),
    "desk": ("bench.bench_desk", []),
    "page": ("bench.bench_page", []),
    "browser": ("bench.bench_browser", []),
    "import": ("bench.bench_import", []),
    "offers": ("bench.bench_offers", []),
    "ingest": ("bench.bench_ingest", []),
    "retrieval": ("bench.bench_retrieval", []),
    "lead": ("bench.bench_lead", []),
    "followup": ("bench.bench_followup", []),
    "products": ("bench.bench_products", []),
    "search": ("bench.bench_search", []),
    "sleeping": ("bench.bench_sleeping", []),
    "callbacks": ("bench.bench_callbacks", []),
    "report": ("bench.bench_report", []),
}


def main() -> int:
    chosen = sys.argv[1:] or list(BENCHES)
    unknown = [name for name in chosen if name not in BENCHES]
    if unknown:
        print(f"unknown benchmark {', '.join(unknown)}: use any of {', '.join(BENCHES)}")
        return 2
    failed = []
    for name in chosen:
        module_name, args = BENCHES[name]
        print(f"\n######## bench {name}")
        try:
            module = importlib.import_module(module_name)
            missed = module.main(args) != 0
        except Exception:  # noqa: BLE001 - one broken bench must not hide the others' figures
            traceback.print_exc()
            print(f"bench {name} FAILED (traceback above)")
            missed = True
        if missed:
            failed.append(name)
    print(f"\nbenchmarks that missed a target: {', '.join(failed) or 'none'}")
    # Missing a target is a finding to report, not a crash: make bench still exits 0.
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
