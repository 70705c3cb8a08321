"""Shared pieces of the gapcast benchmarks: data loading, the accuracy metrics and the gapcast CLI.

The metrics mirror src/forecast/backtest.rs and the definitions in bench-data/README.md:
  sMAPE = mean over h of 200|y - f| / (|y| + |f|), a term with y = f = 0 counting 0;
  MASE  = mean |y - f| / in-sample mean |y_t - y_{t-12}|, falling back to the lag-1 scale when the
          seasonal one is 0 or the training series has fewer than period + 1 values (NaN if that is
          0 too, so a constant series is left out instead of giving infinity);
  coverage = % of actuals with lo <= y <= hi.
Each is computed per series, then averaged over series (NaN left out, the count reported).
"""

from __future__ import annotations

import csv
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
SETS = {
    # name: (file stem, horizon when the meta file has none)
    "m1": ("m1_monthly", 18),
    "tourism": ("tourism_monthly", 24),
    "classic": ("classic_monthly", 12),
}
PERIOD = 12


def data_dir() -> Path:
    """GAPCAST_BENCH_DATA, or ../shared/bench-data next to the repository."""
    env = os.environ.get("GAPCAST_BENCH_DATA")
    path = Path(env) if env else REPO.parent / "shared" / "bench-data"
    if not (path / "m1_monthly.csv").exists():
        sys.exit(
            f"bench data not found in {path} (set GAPCAST_BENCH_DATA to the folder holding m1_monthly.csv)"
        )
    return path


@dataclass
class Series:
    sid: str
    values: np.ndarray
    h: int
    # calendar month (1-12) of the first value where the meta file knows it, else None
    start_month: int | None = None


def load_set(name: str) -> list[Series]:
    """All series of a set, in file order, each with its official horizon and, where known, the
    calendar month of its first value."""
    stem, default_h = SETS[name]
    folder = data_dir()
    horizons = {}
    start_months = {}
    with open(folder / f"{stem}_meta.csv", newline="") as f:
        for row in csv.DictReader(f):
            horizons[row["series_id"]] = int(row["h_official"]) if row["h_official"] else default_h
            if row.get("start_month"):
                start_months[row["series_id"]] = int(row["start_month"])
    values: dict[str, list[tuple[int, float]]] = {}
    with open(folder / f"{stem}.csv", newline="") as f:
        for row in csv.DictReader(f):
            values.setdefault(row["series_id"], []).append(
                (int(row["period_index"]), float(row["value"]))
            )
    out = []
    for sid, pairs in values.items():
        pairs.sort()
        out.append(
            Series(sid, np.array([v for _, v in pairs]), horizons.get(sid, default_h), start_months.get(sid))
        )
    return out


# ---------------------------------------------------------------- metrics (mirror backtest.rs)


def smape(y: np.ndarray, f: np.ndarray) -> float:
    y, f = np.asarray(y, float), np.asarray(f, float)
    if y.size == 0:
        return math.nan
    denom = np.abs(y) + np.abs(f)
    both_zero = (y == 0) & (f == 0)
    terms = np.where(both_zero, 0.0, 200.0 * np.abs(y - f) / np.where(both_zero, 1.0, denom))
    return float(terms.mean())


def mase_scale(train: np.ndarray, period: int = PERIOD) -> float:
    train = np.asarray(train, float)
    period = max(period, 1)
    if train.size > period:
        s = float(np.abs(train[period:] - train[:-period]).mean())
        if s > 0 and math.isfinite(s):
            return s
    if train.size >= 2:
        s = float(np.abs(np.diff(train)).mean())
        if s > 0 and math.isfinite(s):
            return s
    return math.nan


def mase(y: np.ndarray, f: np.ndarray, train: np.ndarray, period: int = PERIOD) -> float:
    y, f = np.asarray(y, float), np.asarray(f, float)
    if y.size == 0:
        return math.nan
    return float(np.abs(y - f).mean()) / mase_scale(train, period)


def mape(y: np.ndarray, f: np.ndarray) -> float:
    y, f = np.asarray(y, float), np.asarray(f, float)
    keep = y != 0
    if not keep.any():
        return math.nan
    return float((100.0 * np.abs(y[keep] - f[keep]) / np.abs(y[keep])).mean())


def coverage(y: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> float:
    y, lo, hi = (np.asarray(a, float) for a in (y, lo, hi))
    if y.size == 0:
        return math.nan
    return float(100.0 * ((lo <= y) & (y <= hi)).mean())


def finite_mean(xs) -> tuple[float, int]:
    xs = [x for x in xs if x is not None and math.isfinite(x)]
    return (sum(xs) / len(xs), len(xs)) if xs else (math.nan, 0)


# ---------------------------------------------------------------- gapcast CLI


class GapcastError(RuntimeError):
    pass


def gapcast_bin() -> Path:
    """GAPCAST_BIN, or the release binary of this repository (honouring CARGO_TARGET_DIR)."""
    env = os.environ.get("GAPCAST_BIN")
    if env:
        found = shutil.which(env) if "/" not in env else None
        return Path(found) if found else Path(env).resolve()
    target = Path(os.environ.get("CARGO_TARGET_DIR", "target"))
    if not target.is_absolute():
        target = REPO / target
    return target / "release" / "gapcast"


@dataclass
class Forecasts:
    """Forecasts of one method for many series: point and bounds per level, each (h,) arrays."""

    point: dict[str, np.ndarray] = field(default_factory=dict)
    lower: dict[int, dict[str, np.ndarray]] = field(default_factory=dict)
    upper: dict[int, dict[str, np.ndarray]] = field(default_factory=dict)
    seconds: float = 0.0


def write_long_csv(path: Path, series: list[tuple[str, np.ndarray]]) -> None:
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["series_id", "period_index", "value"])
        for sid, values in series:
            for i, v in enumerate(values):
                w.writerow([sid, i, repr(float(v))])


def _level_key(name: str) -> tuple[str, int] | None:
    for side in ("lo", "hi"):
        if name.startswith(side):
            try:
                return side, int(float(name[len(side):]))
            except ValueError:
                return None
    return None


def run_gapcast(
    series: list[tuple[str, np.ndarray]],
    horizon: int,
    method: str,
    levels: list[int],
    period: int = PERIOD,
    workdir: Path | None = None,
) -> Forecasts:
    """Runs `gapcast forecast` once on all `series` and reads its output CSV (contract in bench/README.md)."""
    binary = gapcast_bin()
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        inp, outp = Path(tmp) / "in.csv", Path(tmp) / "out.csv"
        write_long_csv(inp, series)
        cmd = [
            str(binary), "forecast", "--input", str(inp), "--horizon", str(horizon),
            "--method", method, "--period", str(period), "--output", str(outp),
        ]
        if levels:
            cmd += ["--levels", ",".join(str(l) for l in levels)]
        start = time.perf_counter()
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True)
        except OSError as e:
            raise GapcastError(f"cannot run {binary}: {e}") from e
        seconds = time.perf_counter() - start
        if proc.returncode != 0 or not outp.exists():
            raise GapcastError(
                f"`{' '.join(cmd[:2])} ... --method {method}` exited with {proc.returncode}:\n"
                + (proc.stderr.strip() or proc.stdout.strip())[-2000:]
            )
        out = Forecasts(seconds=seconds)
        rows: dict[str, list[tuple[int, dict[str, float]]]] = {}
        with open(outp, newline="") as f:
            reader = csv.DictReader(f)
            for row in reader:
                rows.setdefault(row["series_id"], []).append(
                    (int(row["h"]), {k: float(v) if v not in ("", None) else math.nan for k, v in row.items() if k not in ("series_id", "h")})
                )
        for sid, rs in rows.items():
            rs.sort(key=lambda r: r[0])
            out.point[sid] = np.array([r[1].get("point", math.nan) for r in rs])
            for name in rs[0][1]:
                key = _level_key(name)
                if key is None:
                    continue
                side, level = key
                target = out.lower if side == "lo" else out.upper
                target.setdefault(level, {})[sid] = np.array([r[1][name] for r in rs])
        return out


def check_gapcast(levels: list[int]) -> None:
    """Fails with a clear message when the binary is missing or lacks the `forecast` subcommand."""
    binary = gapcast_bin()
    if not binary.exists():
        raise GapcastError(f"{binary} does not exist (cargo build --release, or set GAPCAST_BIN)")
    y = np.array([100.0 + (t % 12) for t in range(36)])
    try:
        f = run_gapcast([("probe", y)], 2, "snaive", levels)
    except GapcastError as e:
        raise GapcastError(
            f"{binary} does not implement `gapcast forecast --input … --horizon … --output …` "
            f"as the contract in bench/README.md says (it is the lead's; build a checkout that has it, "
            f"or pass --skip-gapcast):\n{e}"
        ) from e
    if "probe" not in f.point or f.point["probe"].size != 2:
        raise GapcastError(f"{binary} forecast: the output has no 2 rows for series 'probe'")
    for level in levels:
        if "probe" not in f.lower.get(level, {}):
            raise GapcastError(f"{binary} forecast: the output has no lo{level}/hi{level} columns")
