"""Makes tests/data/spring-festival-monthly.json and prints statsmodels' OLS of its festival effect.

Independent of the Rust code: festival dates from the PyPI package `lunardate`, the window share
from Python's datetime, the regression from statsmodels. Run in a throwaway venv:
    python3 -m venv /tmp/cnyvenv && /tmp/cnyvenv/bin/pip install lunardate statsmodels
    /tmp/cnyvenv/bin/python tests/data/spring-festival-monthly.py
"""
import datetime as dt
import json
import math
import random

import lunardate
import numpy as np
import statsmodels.api as sm

BETA = -0.25            # true log effect of a month holding the whole window
BEFORE, AFTER = 7, 14   # the default window: 7 days before to 14 days after the festival
FIRST, LAST = 2011, 2023
SEASON = [0.80, 0.95, 1.05, 1.00, 1.02, 1.05, 0.98, 0.97, 1.03, 1.04, 1.06, 1.15]


def shares(year):
    """Share of the window's days in each month of `year` (12 values)."""
    day = lunardate.LunarDate(year, 1, 1).to_solar_date()
    days = [day + dt.timedelta(days=k) for k in range(-BEFORE, AFTER + 1)]
    return [sum(1 for d in days if d.year == year and d.month == m) / len(days) for m in range(1, 13)]


rng = random.Random(20240210)
h, y = [], []
for year in range(FIRST, LAST + 1):
    s = shares(year)
    for m in range(12):
        if year == LAST and m >= 3:
            break  # the plan year has January–March
        t = len(y)
        level = 60.0 * 1.06 ** (t / 12)  # 亿元 a month, growing 6 % a year
        h.append(s[m])
        y.append(round(level * SEASON[m] * math.exp(BETA * s[m] + rng.gauss(0, 0.02)), 2))

d = [math.log(y[t]) - math.log(y[t - 12]) for t in range(12, len(y))]
x = [h[t] - h[t - 12] for t in range(12, len(y))]
fit = sm.OLS(np.array(d), sm.add_constant(np.array(x))).fit()
print(f"n = {len(d)}, beta = {fit.params[1]!r}, se = {fit.bse[1]!r}, const = {fit.params[0]!r}")

scenario = {
    "version": 1,
    "title": "春节因素测试序列（合成数据）",
    "region": "示例区",
    "indicator": "规上工业总产值",
    "unit": "亿元",
    "notes": "Synthetic monthly output 2011-01 to 2023-03 with a known Spring Festival effect "
             "(beta = -0.25 on the share of the window 7 days before to 14 days after the festival), "
             "6% growth a year, a fixed seasonal pattern and 2% noise; made by "
             "tests/data/spring-festival-monthly.py.",
    "history": {"form": "monthly", "start": f"{FIRST}-01", "janFebCombined": False, "values": y},
    "baseYear": LAST - 1,
    "planYear": LAST,
    "target": 1450,
    "ledgers": [{"name": "新建项目投产", "direction": "increase",
                 "items": [{"name": "新建项目 A（示例）", "amount": 20, "startMonth": 6}]}],
    "rules": {"estimateMethod": "ets"},
}
with open("tests/data/spring-festival-monthly.json", "w", encoding="utf-8") as f:
    json.dump(scenario, f, ensure_ascii=False, indent=2)
    f.write("\n")
