#!/usr/bin/env python3
"""A stand-in for `gapcast forecast` (same arguments, same CSV in and out) that answers every
method with seasonal naive and R snaive intervals. It exists to test the benchmark harness without
the real CLI:

    GAPCAST_BIN=bench/fake_gapcast.py scripts/bench-accuracy.sh --quick --sf-models SeasonalNaive

The SeasonalNaive rows of gapcast and statsforecast must then agree.
"""

import csv
import math
import sys
from statistics import NormalDist


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[1] != "forecast":
        print("usage: fake_gapcast.py forecast --input F --horizon H [--method M] [--levels 80,95] "
              "[--period 12] --output F", file=sys.stderr)
        return 2
    opts = {"--method": "auto", "--levels": "", "--period": "12"}
    it = iter(argv[2:])
    for a in it:
        opts[a] = next(it, "")
    h, period = int(opts["--horizon"]), int(opts["--period"])
    levels = [float(x) for x in opts["--levels"].split(",") if x]
    series: dict[str, list[float]] = {}
    with open(opts["--input"], newline="") as f:
        for row in csv.DictReader(f):
            series.setdefault(row["series_id"], []).append(float(row["value"]))
    with open(opts["--output"], "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["series_id", "h", "point"] + [f"{s}{l:g}" for l in levels for s in ("lo", "hi")])
        for sid, y in series.items():
            p = period if len(y) > period else 1
            diffs = [y[t] - y[t - p] for t in range(p, len(y))]
            sigma = math.sqrt(sum(d * d for d in diffs) / max(len(diffs), 1))
            last = y[-p:]
            for k in range(1, h + 1):
                point = last[(k - 1) % p]
                se = sigma * math.sqrt((k - 1) // p + 1)
                row = [sid, k, point]
                for l in levels:
                    z = NormalDist().inv_cdf(0.5 + l / 200)
                    row += [point - z * se, point + z * se]
                w.writerow(row)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
