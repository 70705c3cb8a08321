"""Accuracy benchmark: gapcast (through its CLI) next to statsforecast on M1, tourism and classic
monthly series, plus the annual-total task for gapcast `auto` vs `pace`.

Run through scripts/bench-accuracy.sh (it makes the venv and builds the binary); see bench/README.md.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import os
import sys
import time
import warnings
from pathlib import Path

import numpy as np

from common import (
    PERIOD,
    REPO,
    SETS,
    GapcastError,
    Series,
    check_gapcast,
    coverage,
    finite_mean,
    load_set,
    mape,
    mase,
    run_gapcast,
    smape,
)

LEVELS = [80, 95]
GAPCAST_METHODS = ["auto", "ets", "theta", "combo", "snaive", "pace"]
SF_MODELS = ["AutoETS", "AutoTheta", "AutoARIMA", "SeasonalNaive"]
TITLES = {
    "m1": "M1 monthly",
    "tourism": "Tourism monthly",
    "classic": "Classic monthly (AirPassengers, UKDriverDeaths, …)",
}


def subsample(series: list[Series], name: str, quick: bool) -> list[Series]:
    """--quick keeps every 5th series of M1 and tourism (classic stays whole)."""
    if quick and name != "classic":
        return series[::5]
    return series


def score(series: list[Series], point, lower, upper) -> list[dict]:
    """Per-series metrics; a series without a forecast gets NaN (and counts as failed)."""
    out = []
    for s in series:
        train, test = s.values[: -s.h], s.values[-s.h :]
        row = {"series_id": s.sid, "h": s.h}
        f = point.get(s.sid)
        if f is None or f.size < s.h or not np.all(np.isfinite(f[: s.h])):
            row.update(smape=math.nan, mase=math.nan, mape=math.nan, failed=1)
            for level in LEVELS:
                row[f"cov{level}"] = math.nan
            out.append(row)
            continue
        f = f[: s.h]
        row.update(smape=smape(test, f), mase=mase(test, f, train, PERIOD), mape=mape(test, f), failed=0)
        for level in LEVELS:
            lo = lower.get(level, {}).get(s.sid)
            hi = upper.get(level, {}).get(s.sid)
            row[f"cov{level}"] = (
                coverage(test, lo[: s.h], hi[: s.h]) if lo is not None and hi is not None else math.nan
            )
        out.append(row)
    return out


def by_horizon(series: list[Series]) -> dict[int, list[Series]]:
    groups: dict[int, list[Series]] = {}
    for s in series:
        groups.setdefault(s.h, []).append(s)
    return groups


def run_gapcast_set(series: list[Series], method: str, workdir: Path) -> tuple[list[dict], float]:
    point, lower, upper, seconds = {}, {}, {}, 0.0
    for h, group in by_horizon(series).items():
        fc = run_gapcast([(s.sid, s.values[:-h]) for s in group], h, method, LEVELS, PERIOD, workdir)
        point.update(fc.point)
        for level in LEVELS:
            lower.setdefault(level, {}).update(fc.lower.get(level, {}))
            upper.setdefault(level, {}).update(fc.upper.get(level, {}))
        seconds += fc.seconds
    return score(series, point, lower, upper), seconds


def sf_model(name: str):
    from statsforecast import models

    return getattr(models, name)(season_length=PERIOD)


def run_statsforecast_set(
    name: str, series: list[Series], model: str, jobs: int, cache: Path | None
) -> tuple[list[dict], float, int | None]:
    """Forecasts of one statsforecast model for a set, scored; cached in `cache` (keyed by the
    series, the model and the statsforecast version) since they never change between gapcast runs.
    Returns (rows, seconds as measured with the n_jobs then in force, cached: None or that n_jobs)."""
    import statsforecast

    key = hashlib.sha256(
        json.dumps(
            [statsforecast.__version__, model, LEVELS, [(s.sid, s.h, s.values.tolist()) for s in series]]
        ).encode()
    ).hexdigest()[:16]
    path = cache / f"{name}-{model}-{key}.json" if cache else None
    if path and path.exists():
        stored = json.loads(path.read_text())
        point = {k: np.array(v) for k, v in stored["point"].items()}
        lower = {int(lv): {k: np.array(v) for k, v in d.items()} for lv, d in stored["lower"].items()}
        upper = {int(lv): {k: np.array(v) for k, v in d.items()} for lv, d in stored["upper"].items()}
        return score(series, point, lower, upper), stored["seconds"], stored["jobs"]
    point, lower, upper, seconds = forecast_statsforecast(series, model, jobs)
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        lists = lambda d: {k: v.tolist() for k, v in d.items()}  # noqa: E731
        path.write_text(
            json.dumps(
                {
                    "seconds": seconds,
                    "jobs": jobs,
                    "point": lists(point),
                    "lower": {lv: lists(d) for lv, d in lower.items()},
                    "upper": {lv: lists(d) for lv, d in upper.items()},
                }
            )
        )
    return score(series, point, lower, upper), seconds, None


def forecast_statsforecast(series: list[Series], name: str, jobs: int):
    import pandas as pd
    from statsforecast import StatsForecast

    point, lower, upper, seconds = {}, {lv: {} for lv in LEVELS}, {lv: {} for lv in LEVELS}, 0.0
    for h, group in by_horizon(series).items():
        frames = [
            pd.DataFrame({"unique_id": s.sid, "ds": np.arange(len(s.values) - h), "y": s.values[:-h]})
            for s in group
        ]
        df = pd.concat(frames, ignore_index=True)
        sf = StatsForecast(models=[sf_model(name)], freq=1, n_jobs=jobs)
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fc = sf.forecast(df=df, h=h, level=LEVELS)
        seconds += time.perf_counter() - start
        if "unique_id" not in fc.columns:
            fc = fc.reset_index()
        for sid, g in fc.groupby("unique_id", sort=False):
            g = g.sort_values("ds")
            point[str(sid)] = g[name].to_numpy(float)
            for level in LEVELS:
                lower[level][str(sid)] = g[f"{name}-lo-{level}"].to_numpy(float)
                upper[level][str(sid)] = g[f"{name}-hi-{level}"].to_numpy(float)
    return point, lower, upper, seconds


def summarise(rows: list[dict]) -> dict:
    out = {}
    for key in ["smape", "mase", "mape"] + [f"cov{lv}" for lv in LEVELS]:
        out[key], out[f"n_{key}"] = finite_mean(r[key] for r in rows)
    out["failed"] = sum(r["failed"] for r in rows)
    return out


def fmt(x: float, digits: int = 2) -> str:
    return "—" if x is None or not math.isfinite(x) else f"{x:.{digits}f}"


def print_table(title: str, results: list[tuple[str, str, dict, float, int]], jobs: int) -> None:
    print(f"\n{title}")
    header = f"{'source':<14}{'method':<15}{'sMAPE':>8}{'MASE':>8}{'cov80':>8}{'cov95':>8}{'s/series':>11}{'scored':>8}{'failed':>8}"
    print(header)
    print("-" * len(header))
    for source, method, s, seconds, n in results:
        per = seconds / n if n else math.nan
        print(
            f"{source:<14}{method:<15}{fmt(s['smape']):>8}{fmt(s['mase'], 3):>8}{fmt(s['cov80'], 1):>8}"
            f"{fmt(s['cov95'], 1):>8}{fmt(per, 4):>11}{s['n_smape']:>8}{s['failed']:>8}"
        )
    print(
        f"(means over series; cov in %; gapcast s/series = one CLI call for the whole set / series; "
        f"statsforecast n_jobs={jobs}; * = read from the cache, time as measured when computed, "
        f"*N = computed with n_jobs=N)"
    )


# ---------------------------------------------------------------- annual-total task


def annual_windows(series: list[Series], years: int | None = None):
    """The years scored in the annual-total task: yields (series, year index, first index of the
    year, head trimmed so the training data starts on a year boundary). Where the calendar is known
    (classic) the years are calendar years, January to December, the last complete ones; elsewhere
    pseudo-years ending with the last observation. `years` a series: as given, else those inside
    the evaluation window (h // 12). A year needs one full year of history before it."""
    for s in series:
        n = len(s.values)
        if s.start_month is not None:
            head = (PERIOD + 1 - s.start_month) % PERIOD  # index of the first January
        else:
            head = n % PERIOD
        last = head + ((n - head) // PERIOD - 1) * PERIOD
        for j in range(years if years is not None else s.h // PERIOD):
            start = last - j * PERIOD
            if start - head >= PERIOD:
                yield s, j, start, head


def annual_estimates(windows: list, method: str, workdir: Path) -> tuple[np.ndarray, float]:
    """YTD + forecast of the rest of the year, [window, k - 1] for cutoffs k = 1..11 (NaN where the
    forecast is missing, short or not finite), from one `gapcast forecast` call per k; and the
    seconds those calls took."""
    out = np.full((len(windows), PERIOD - 1), np.nan)
    seconds = 0.0
    for k in range(1, PERIOD):
        batch = [(f"{s.sid}#y{j}", s.values[head : start + k]) for s, j, start, head in windows]
        fc = run_gapcast(batch, PERIOD - k, method, [], PERIOD, workdir)
        seconds += fc.seconds
        for i, (s, j, start, head) in enumerate(windows):
            f = fc.point.get(f"{s.sid}#y{j}")
            if f is None or f.size < PERIOD - k or not np.all(np.isfinite(f[: PERIOD - k])):
                continue
            out[i, k - 1] = float(s.values[start : start + k].sum() + f[: PERIOD - k].sum())
    return out, seconds


def run_annual(series: list[Series], methods: list[str], workdir: Path, years: int | None = None) -> dict:
    """APE of the year's total at cutoffs k = 1..11 for each method; one CLI call per (method, k)."""
    windows = list(annual_windows(series, years))
    totals = np.array([float(s.values[start : start + PERIOD].sum()) for s, _, start, _ in windows])[:, None]
    res = {}
    for method in methods:
        estimates, seconds = annual_estimates(windows, method, workdir)
        with np.errstate(divide="ignore", invalid="ignore"):
            apes = np.where(totals != 0, 100.0 * np.abs(estimates - totals) / np.abs(totals), np.nan)
        res[method] = {"apes": apes, "seconds": seconds, "fits": len(windows) * (PERIOD - 1)}
    return {"windows": len(windows), "years": year_kind(series), "methods": res}


def year_kind(series: list[Series]) -> str:
    """How the scored years are laid out, for the table's title."""
    known = sum(s.start_month is not None for s in series)
    if known == len(series):
        return "calendar years (January to December)"
    if known == 0:
        return "pseudo-years ending with the last observation"
    return "calendar years where known, else pseudo-years ending with the last observation"


def run_annual_statsforecast(
    series: list[Series], models: list[str], jobs: int, cache: Path | None, years: int | None = None
) -> dict:
    """The annual-total task for statsforecast models (as `run_annual`, one fit per window and k),
    cached as the other statsforecast forecasts. Returns {"sf " + model: {"apes", "seconds",
    "fits", "cached"}}."""
    import pandas as pd
    import statsforecast
    from statsforecast import StatsForecast

    windows = list(annual_windows(series, years))
    res = {}
    for model in models:
        key = hashlib.sha256(
            json.dumps(
                [statsforecast.__version__, "annual", model, [(s.sid, j, start, head, s.values.tolist()) for s, j, start, head in windows]]
            ).encode()
        ).hexdigest()[:16]
        path = cache / f"annual-{model}-{key}.json" if cache else None
        if path and path.exists():
            stored = json.loads(path.read_text())
            apes = np.array(stored["apes"], dtype=float)
            res[f"sf {model}"] = {"apes": apes, "seconds": stored["seconds"], "fits": apes.size, "cached": stored["jobs"]}
            continue
        apes = np.full((len(windows), PERIOD - 1), np.nan)
        seconds = 0.0
        for k in range(1, PERIOD):
            frames = [
                pd.DataFrame({"unique_id": str(i), "ds": np.arange(start + k - head), "y": s.values[head : start + k]})
                for i, (s, j, start, head) in enumerate(windows)
            ]
            sf = StatsForecast(models=[sf_model(model)], freq=1, n_jobs=jobs)
            t = time.perf_counter()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                fc = sf.forecast(df=pd.concat(frames, ignore_index=True), h=PERIOD - k)
            seconds += time.perf_counter() - t
            if "unique_id" not in fc.columns:
                fc = fc.reset_index()
            for sid, g in fc.groupby("unique_id", sort=False):
                i = int(sid)
                s, j, start, head = windows[i]
                f = g.sort_values("ds")[model].to_numpy(float)
                total = float(s.values[start : start + PERIOD].sum())
                if f.size < PERIOD - k or total == 0 or not np.all(np.isfinite(f)):
                    continue
                estimate = float(s.values[start : start + k].sum() + f[: PERIOD - k].sum())
                apes[i, k - 1] = 100.0 * abs(estimate - total) / abs(total)
        if path:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps({"seconds": seconds, "jobs": jobs, "apes": [[None if math.isnan(v) else v for v in row] for row in apes.tolist()]}))
        res[f"sf {model}"] = {"apes": apes, "seconds": seconds, "fits": apes.size, "cached": None}
    return res


def print_annual(title: str, ann: dict) -> None:
    methods = list(ann["methods"])
    print(f"\n{title}: annual-total task, {ann['years']} ({ann['windows']} years)")
    header = f"{'k':>7}" + "".join(f"{m:>14}" for m in methods)
    compare = "auto" in methods and "pace" in methods
    if compare:
        header += f"{'auto vs pace':>15}"
    print(header)
    print("-" * len(header))
    means = {m: [] for m in methods}
    for k in range(1, PERIOD):
        line = f"{k:>7}"
        for m in methods:
            v, _ = finite_mean(ann["methods"][m]["apes"][:, k - 1].tolist())
            means[m].append(v)
            line += f"{fmt(v):>14}"
        if compare:
            line += f"{fmt(improvement(means['pace'][-1], means['auto'][-1]), 1) + ' %':>15}"
        print(line)
    line = f"{'avg':>7}"
    avg = {m: finite_mean(means[m])[0] for m in methods}
    for m in methods:
        line += f"{fmt(avg[m]):>14}"
    if compare:
        line += f"{fmt(improvement(avg['pace'], avg['auto']), 1) + ' %':>15}"
    print(line)
    if "pace" in methods:
        line = f"{'vs pace':>7}"
        for m in methods:
            line += f"{fmt(improvement(avg['pace'], avg[m]), 1) + ' %':>14}"
        print(line)
    per_fit = ", ".join(
        f"{m} {fmt(1000 * r['seconds'] / r['fits'] if r['fits'] else math.nan, 2)} ms/fit"
        for m, r in ann["methods"].items()
    )
    print(
        f"(mean APE of the year's total, %, at cutoff month k; vs pace = (pace − method) / pace; "
        f"sf = statsforecast, ms/fit as measured when computed; {per_fit})"
    )


def improvement(base: float, new: float) -> float:
    return 100.0 * (base - new) / base if base and math.isfinite(base) and math.isfinite(new) else math.nan


# ---------------------------------------------------------------- main


def write_rows(path: Path, rows: list[dict]) -> None:
    if not rows:
        return
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="every 5th series of M1 and tourism")
    p.add_argument("--sets", default="m1,tourism,classic")
    p.add_argument("--methods", default=",".join(GAPCAST_METHODS), help="gapcast methods")
    p.add_argument("--sf-models", default=",".join(SF_MODELS), help="statsforecast models ('' for none)")
    p.add_argument("--annual-methods", default="auto,pace,snaive", help="gapcast methods for the annual-total task ('' for none)")
    p.add_argument(
        "--annual-sf-models",
        default="",
        help="statsforecast models for the annual-total task too, e.g. AutoETS ('' for none; cached; "
        "M1 takes about 6 minutes a model on one core)",
    )
    p.add_argument(
        "--annual-years",
        type=int,
        default=None,
        help="years scored a series in the annual-total task (default: those inside the evaluation "
        "window, h // 12: M1 1, tourism 2, classic 1)",
    )
    p.add_argument("--jobs", type=int, default=1, help="statsforecast n_jobs (the s/series column is per core only with 1)")
    p.add_argument("--skip-gapcast", action="store_true")
    p.add_argument("--skip-statsforecast", action="store_true")
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="recompute statsforecast forecasts instead of reading the cache",
    )
    p.add_argument(
        "--cache",
        default=os.environ.get("GAPCAST_BENCH_CACHE", str(Path.home() / ".cache" / "gapcast-bench")),
        help="statsforecast forecasts are kept here, shared by every checkout (env GAPCAST_BENCH_CACHE)",
    )
    p.add_argument("--out", default=str(REPO / "bench" / "out"), help="per-series CSVs go here")
    args = p.parse_args()

    sets = [s for s in args.sets.split(",") if s]
    unknown = [s for s in sets if s not in SETS]
    if unknown:
        p.error(f"unknown set(s) {unknown}; known: {list(SETS)}")
    methods = [] if args.skip_gapcast else [m for m in args.methods.split(",") if m]
    annual_methods = [] if args.skip_gapcast else [m for m in args.annual_methods.split(",") if m]
    sf_models = [] if args.skip_statsforecast else [m for m in args.sf_models.split(",") if m]
    annual_sf = [] if args.skip_statsforecast else [m for m in args.annual_sf_models.split(",") if m]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    if methods or annual_methods:
        try:
            check_gapcast(LEVELS)
        except GapcastError as e:
            print(f"bench-accuracy: {e}", file=sys.stderr)
            return 2
    if sf_models:
        import statsforecast

        print(f"statsforecast {statsforecast.__version__}, n_jobs={args.jobs}")

    started = time.perf_counter()
    timings = []
    for name in sets:
        series = subsample(load_set(name), name, args.quick)
        hs = sorted({s.h for s in series})
        title = f"{TITLES[name]}: {len(series)} series, h = {'/'.join(map(str, hs))} (trained on all but the last h)"
        results = []
        for method in methods:
            t = time.perf_counter()
            try:
                rows, seconds = run_gapcast_set(series, method, out)
            except GapcastError as e:
                print(f"bench-accuracy: gapcast {method} on {name}: {e}", file=sys.stderr)
                return 2
            timings.append((f"gapcast {method} {name}", time.perf_counter() - t))
            write_rows(out / f"{name}-gapcast-{method}.csv", rows)
            results.append(("gapcast", method, summarise(rows), seconds, len(series)))
        for model in sf_models:
            t = time.perf_counter()
            cache = None if args.no_cache else Path(args.cache)
            rows, seconds, cached = run_statsforecast_set(name, series, model, args.jobs, cache)
            suffix = "" if cached is None else f" (cached, n_jobs={cached})"
            timings.append((f"statsforecast {model} {name}{suffix}", time.perf_counter() - t))
            write_rows(out / f"{name}-statsforecast-{model}.csv", rows)
            label = model + ("" if cached is None else "*" if cached == args.jobs else f"*{cached}")
            results.append(("statsforecast", label, summarise(rows), seconds, len(series)))
        print_table(title, results, args.jobs)
        sys.stdout.flush()
        if annual_methods:
            t = time.perf_counter()
            try:
                ann = run_annual(series, annual_methods, out, args.annual_years)
            except GapcastError as e:
                print(f"bench-accuracy: annual-total task on {name}: {e}", file=sys.stderr)
                return 2
            timings.append((f"annual-total {name}", time.perf_counter() - t))
            if annual_sf:
                t = time.perf_counter()
                cache = None if args.no_cache else Path(args.cache)
                ann["methods"].update(run_annual_statsforecast(series, annual_sf, args.jobs, cache, args.annual_years))
                timings.append((f"annual-total statsforecast {name}", time.perf_counter() - t))
            print_annual(TITLES[name].split(" (")[0], ann)
            sys.stdout.flush()
    print("\nwall time: " + ", ".join(f"{label} {secs:.1f} s" for label, secs in timings))
    print(f"total {time.perf_counter() - started:.0f} s; per-series figures in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
