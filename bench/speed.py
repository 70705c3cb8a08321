"""Speed benchmark: AutoETS with a 12-step forecast and 95 % intervals on the same 120-point monthly
series, natively (gapcast CLI), in WebAssembly under node (www/pkg/gapcast.js) and with
statsforecast's AutoETS, seasonal (period 12) and non-seasonal (period 1). Prints ms per series and
the ratios.

Run through scripts/bench-speed.sh (it makes the venv and builds); see bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

from common import REPO, GapcastError, check_gapcast, load_set, run_gapcast, write_long_csv

LENGTH, HORIZON, LEVEL = 120, 12, 95


def speed_series(n: int) -> list[tuple[str, np.ndarray]]:
    """n different 120-point series: the first 120 values of the M1 and tourism series that have
    that many, alternating between the sets; then later windows (offset 12, 24, ...) if needed."""
    pools = [[s for s in load_set(name) if len(s.values) >= LENGTH] for name in ("m1", "tourism")]
    out: list[tuple[str, np.ndarray]] = []
    offset = 0
    while len(out) < n:
        added = False
        for i in range(max(map(len, pools))):
            for pool in pools:
                if i < len(pool) and len(pool[i].values) >= offset + LENGTH and len(out) < n:
                    s = pool[i]
                    out.append((f"{s.sid}@{offset}", s.values[offset : offset + LENGTH]))
                    added = True
        if not added:
            break
        offset += 12
    return out


def native(series, period: int, repeat: int, workdir: Path) -> dict:
    """Best of `repeat` CLI runs over all series, and the same for seasonal naive (the CLI's own
    start-up, CSV reading and writing), whose time is subtracted for the net figure."""
    ets = min(run_gapcast(series, HORIZON, "ets", [LEVEL], period, workdir).seconds for _ in range(repeat))
    base = min(run_gapcast(series, HORIZON, "snaive", [LEVEL], period, workdir).seconds for _ in range(repeat))
    n = len(series)
    return {"ms": 1000 * ets / n, "net_ms": 1000 * max(ets - base, 0.0) / n, "overhead_ms": 1000 * base / n}


def wasm(csv_path: Path, period: int, repeat: int) -> dict:
    proc = subprocess.run(
        ["node", str(REPO / "bench" / "speed-wasm.mjs"), str(csv_path), str(period), str(repeat)],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise GapcastError((proc.stderr.strip() or proc.stdout.strip())[-2000:])
    return json.loads(proc.stdout)


def statsforecast_ets(series, period: int, repeat: int) -> dict:
    from statsforecast.models import AutoETS

    def once() -> float:
        start = time.perf_counter()
        for _, y in series:
            AutoETS(season_length=period).forecast(y=y, h=HORIZON, level=[LEVEL])
        return time.perf_counter() - start

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _, y in series[:5]:  # warm-up
            AutoETS(season_length=period).forecast(y=y, h=HORIZON, level=[LEVEL])
        best = min(once() for _ in range(repeat))
    return {"ms": 1000 * best / len(series)}


def fmt(x, digits=2):
    return "—" if x is None or not math.isfinite(x) else f"{x:.{digits}f}"


def ratio(a, b):
    return a / b if a is not None and b and math.isfinite(a) and math.isfinite(b) else math.nan


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--n", type=int, default=200, help="number of series")
    p.add_argument("--repeat", type=int, default=3, help="timed passes; the best is kept")
    p.add_argument("--skip-native", action="store_true")
    p.add_argument("--skip-wasm", action="store_true")
    p.add_argument("--skip-statsforecast", action="store_true")
    args = p.parse_args()

    series = speed_series(args.n)
    print(f"{len(series)} series of {LENGTH} values (M1 and tourism), AutoETS, h = {HORIZON}, {LEVEL} % interval, best of {args.repeat}")
    errors = []
    if not args.skip_native:
        try:
            check_gapcast([LEVEL])
        except GapcastError as e:
            errors.append(f"native: {e}")
            args.skip_native = True
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "series.csv"
        write_long_csv(csv_path, series)
        for period, label in [(12, "seasonal (period 12)"), (1, "non-seasonal (period 1)")]:
            row = {"label": label, "native": None, "net": None, "wasm": None, "sf": None}
            if not args.skip_native:
                r = native(series, period, args.repeat, Path(tmp))
                row["native"], row["net"] = r["ms"], r["net_ms"]
            if not args.skip_wasm:
                try:
                    row["wasm"] = wasm(csv_path, period, args.repeat)["ms"]
                except GapcastError as e:
                    errors.append(f"wasm: {e}")
                    args.skip_wasm = True
            if not args.skip_statsforecast:
                row["sf"] = statsforecast_ets(series, period, args.repeat)["ms"]
            rows.append(row)
            print(f"  {label} done", file=sys.stderr)

    if all(r[k] is None for r in rows for k in ("native", "wasm", "sf")):
        for e in errors:
            print(f"bench-speed: {e}", file=sys.stderr)
        return 2
    header = (
        f"{'AutoETS':<26}{'native':>9}{'native net':>12}{'wasm':>9}{'statsforecast':>15}"
        f"{'sf/native':>11}{'sf/wasm':>9}{'wasm/native':>13}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r['label']:<26}{fmt(r['native'], 3):>9}{fmt(r['net'], 3):>12}{fmt(r['wasm'], 3):>9}{fmt(r['sf'], 3):>15}"
            f"{fmt(ratio(r['sf'], r['native']), 1):>11}{fmt(ratio(r['sf'], r['wasm']), 1):>9}"
            f"{fmt(ratio(r['wasm'], r['native']), 2):>13}"
        )
    print(
        "(ms per series; native = one `gapcast forecast --method ets` call over all series / series, "
        "net = minus the same call with --method snaive (start-up and CSV); wasm = forecast() per series "
        "under node; statsforecast = AutoETS(season_length).forecast(y, h, level) per series, one core)"
    )
    for e in errors:
        print(f"bench-speed: {e}", file=sys.stderr)
    return 2 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
