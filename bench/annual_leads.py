"""Two leads for the annual-total task (see the README), measured and not adopted; kept so their
figures can be reproduced.

  holdout  A weight of `auto` and pace for each cell of a grid over two features of a (year, cutoff)
           pair, learnt on each series' earlier years and applied to its last year (a temporal
           hold-out, as FFORMA trains its meta-learner): does a learnt rule of when to trust pace
           reach the 20 % goal? Features: k; the log ratio of the two estimates and its size;
           years of history; the spread of the cumulative seasonal shares over past years at k;
           the noise of year-on-year monthly growth.
  thief    Temporal hierarchies (THieF, Athanasopoulos et al. 2017): `auto` on the series summed
           over blocks of 1, 2, 3, 4, 6 and 12 months ending at the cutoff, each forecast a year
           ahead, reconciled to months by weighted least squares with structural scaling
           (weights 1 / months in the block), then summed over the rest of the year.
  amse     ETS fitted by the mean square of its 1..12-step errors (R forecast::ets
           opt.crit = "amse", nmse = 12, through statsforecast's ets_f) against the likelihood
           (opt.crit = "lik"), on a seeded sample of windows: does fitting to multi-step error
           help the sum of the remaining months?

  .venv-bench/bin/python bench/annual_leads.py holdout [--set m1]
  .venv-bench/bin/python bench/annual_leads.py thief [--set m1]
  .venv-bench/bin/python bench/annual_leads.py amse [--set m1] [--sample 150]

Both score the mean APE over k = 1..11 of YTD + forecast against the year's total, as
accuracy.py's annual-total task, and print how much lower it is than pace's.
"""

from __future__ import annotations

import argparse
import itertools
import tempfile
import warnings
from multiprocessing import Pool
from pathlib import Path

import numpy as np

from accuracy import annual_estimates, annual_windows
from common import PERIOD, load_set, run_gapcast


def estimates(windows, method: str, workdir: Path) -> np.ndarray:
    """YTD + forecast of the rest of the year, [window, k - 1] (accuracy.py's annual-total task)."""
    return annual_estimates(windows, method, workdir)[0]


def totals(windows) -> np.ndarray:
    return np.array([s.values[start : start + PERIOD].sum() for s, _, start, _ in windows])[:, None]


def mean_ape(estimate: np.ndarray, total: np.ndarray, rows=slice(None)) -> float:
    return float(np.nanmean(100 * np.abs(estimate[rows] - total[rows]) / np.abs(total[rows])))


def better_by(model: float, pace: float) -> float:
    return 100 * (pace - model) / pace


def features(windows, auto: np.ndarray, pace: np.ndarray) -> dict[str, np.ndarray]:
    n = len(windows)
    ratio = np.log(np.abs(auto) / np.abs(pace))
    spread = np.zeros((n, PERIOD - 1))
    noise = np.zeros((n, PERIOD - 1))
    history = np.zeros((n, PERIOD - 1))
    for i, (s, _, start, head) in enumerate(windows):
        years = np.asarray(s.values[head:start], float).reshape(-1, PERIOD)
        history[i] = len(years)
        with np.errstate(divide="ignore", invalid="ignore"):
            shares = np.cumsum(years, 1) / years.sum(1, keepdims=True)
            spread[i] = shares[:, : PERIOD - 1].std(0)
            if len(years) >= 2:
                growth = np.diff(np.log(np.abs(years) + 1e-9), axis=0)
                noise[i] = np.std(growth - growth.mean(1, keepdims=True))
    k = np.tile(np.arange(1, PERIOD, dtype=float), (n, 1))
    return {"k": k, "ratio": ratio, "|ratio|": np.abs(ratio), "history": history, "spread": spread, "noise": noise}


def holdout(name: str) -> None:
    windows = list(annual_windows(load_set(name), 3))
    with tempfile.TemporaryDirectory() as tmp:
        auto, pace = (estimates(windows, m, Path(tmp)) for m in ("auto", "pace"))
    total = totals(windows)
    last = np.array([j == 0 for _, j, _, _ in windows])
    train = ~last
    weights = np.linspace(0, 1, 11)
    base = mean_ape(pace, total, last)
    print(f"{name}: {last.sum()} last years, {train.sum()} earlier years")
    print(f"auto alone on the last years: {better_by(mean_ape(auto, total, last), base):.1f} % better than pace")
    print("weight of pace per cell, learnt on the earlier years; % better than pace on the last years (on the earlier ones)")
    feats = features(windows, auto, pace)
    for f1, f2 in itertools.combinations(feats, 2):
        for q in (3, 4, 5):
            cell = np.zeros(auto.shape, dtype=int)
            for f, mult in ((f1, 1), (f2, q)):
                x = feats[f]
                edges = np.unique(np.nanquantile(x[train], np.linspace(0, 1, q + 1)[1:-1]))
                cell = cell + mult * np.digitize(x, edges)
            w = np.zeros(auto.shape)
            for c in np.unique(cell):
                fit = (cell == c) & train[:, None]
                if fit.any():
                    w[cell == c] = min(
                        weights,
                        key=lambda v: np.nanmean(np.abs((1 - v) * auto + v * pace - total)[fit] / np.abs(np.broadcast_to(total, auto.shape)[fit])),
                    )
            blend = (1 - w) * auto + w * pace
            test = better_by(mean_ape(blend, total, last), base)
            fitted = better_by(mean_ape(blend, total, train), mean_ape(pace, total, train))
            print(f"  {f1:>8} x {f2:<8} {q} quantiles: {test:5.1f} % ({fitted:5.1f} %)")


def thief(name: str) -> None:
    windows = list(annual_windows(load_set(name), 1))
    blocks = [1, 2, 3, 4, 6, 12]
    # the summing matrix: a row per (block length, block of the year), a column per month
    rows = [np.arange(PERIOD) // b == i for b in blocks for i in range(PERIOD // b)]
    summing = np.array(rows, dtype=float)
    inv_weight = 1.0 / summing.sum(1)
    reconcile = np.linalg.solve(summing.T @ (summing * inv_weight[:, None]), (summing * inv_weight[:, None]).T)
    total = totals(windows)
    est = np.full((len(windows), PERIOD - 1), np.nan)
    with tempfile.TemporaryDirectory() as tmp:
        pace = estimates(windows, "pace", Path(tmp))
        auto = estimates(windows, "auto", Path(tmp))
        for k in range(1, PERIOD):
            base = np.full((len(windows), len(rows)), np.nan)
            col = 0
            for b in blocks:
                batch = []
                for i, (s, _, start, head) in enumerate(windows):
                    y = np.asarray(s.values[head : start + k], float)
                    y = y[len(y) % b :]
                    batch.append((str(i), y.reshape(-1, b).sum(1)))
                fc = run_gapcast(batch, PERIOD // b, "auto", [], PERIOD // b, Path(tmp))
                for i in range(len(windows)):
                    f = fc.point.get(str(i))
                    if f is not None:
                        base[i, col : col + PERIOD // b] = f[: PERIOD // b]
                col += PERIOD // b
            months = base @ reconcile.T
            for i, (s, _, start, _) in enumerate(windows):
                est[i, k - 1] = s.values[start : start + k].sum() + months[i, : PERIOD - k].sum()
    base_ape = mean_ape(pace, total)
    print(f"{name}: {len(windows)} last years; pace {base_ape:.3f} %")
    for label, e in (("auto", auto), ("THieF of auto", est)):
        print(f"  {label}: {mean_ape(e, total):.3f} %, {better_by(mean_ape(e, total), base_ape):.1f} % better than pace")


def ets_estimates(job):
    from statsforecast import ets

    values, start, head, crit, nmse = job
    out = np.full(PERIOD - 1, np.nan)
    for k in range(1, PERIOD):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                model = ets.ets_f(values[head : start + k], PERIOD, opt_crit=crit, nmse=nmse)
                f = ets.forecast_ets(model, PERIOD - k)["mean"]
            except Exception:  # a window statsforecast cannot fit is left out, as in accuracy.py
                continue
        out[k - 1] = values[start : start + k].sum() + f[: PERIOD - k].sum()
    return out


def amse(name: str, sample: int) -> None:
    windows = list(annual_windows(load_set(name), 1))
    chosen = np.sort(np.random.default_rng(0).choice(len(windows), min(sample, len(windows)), replace=False))
    windows = [windows[i] for i in chosen]
    with tempfile.TemporaryDirectory() as tmp:
        pace = estimates(windows, "pace", Path(tmp))
    total = totals(windows)
    base = mean_ape(pace, total)
    print(f"{name}: {len(windows)} last years (seed 0); pace {base:.3f} %")
    with Pool(2) as pool:
        for crit, nmse in (("lik", 3), ("amse", 12)):
            est = np.array(pool.map(ets_estimates, [(np.asarray(s.values, float), start, head, crit, nmse) for s, _, start, head in windows]))
            print(f"  statsforecast ETS, opt_crit={crit} nmse={nmse}: {mean_ape(est, total):.3f} %, {better_by(mean_ape(est, total), base):.1f} % better than pace")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("lead", choices=["holdout", "thief", "amse"])
    parser.add_argument("--set", default="m1", choices=["m1", "tourism", "classic"])
    parser.add_argument("--sample", type=int, default=150, help="windows for amse (seeded)")
    args = parser.parse_args()
    if args.lead == "holdout":
        holdout(args.set)
    elif args.lead == "thief":
        thief(args.set)
    else:
        amse(args.set, args.sample)


if __name__ == "__main__":
    main()
