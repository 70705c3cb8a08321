// Expected figures for seeds/qiantang-2023.json, worked by hand from the seed (not by the core).
//
// history: YTD values from 2021-02 with Jan–Feb combined, so values[0] = 2021 Jan–Feb,
// values[8] = 2021 Jan–Oct, values[10] = 2021 Jan–Dec, values[11] = 2022 Jan–Feb, values[19] = 2022 Jan–Oct.
export const Y2021_JAN_OCT = 2853.99;
export const Y2021_ANNUAL = 3451.49;
export const Y2022_JAN_OCT = 2942.46;
export const TARGET = 3600;

// Base year 2022, seasonal pace: 2021 reached 2853.99 / 3451.49 = 0.826886… of its total by October,
// so 2022's full-year estimate = 2942.46 / 0.826886… = 3558.4817…
export const SHARE_OCT = Y2021_JAN_OCT / Y2021_ANNUAL;
export const BASE_ESTIMATE = Y2022_JAN_OCT / SHARE_OCT;

// In-year effects in 2023: amount × (months running) / 12; a ramp of k months counts 1/k, 2/k, …, k/k
// in its first k months.
//   新建项目 A 36, start 4, ramp 3: (1/3 + 2/3 + 3/3 + 6) / 12 = 8/12   -> 24.00
//   新建项目 B 30.4, start 7: 6/12 -> 15.20;  技改项目 C 28.5 -> 28.50;  扩产项目 D 14.4, start 5: 8/12 -> 9.60
//   新升规 18.6; 转规 9.8; 重点企业增产 65.21; 产值回归 16.2, start 3: 10/12 -> 13.50
//   招商落地 48, start 7, ramp 6: (1/6 + … + 6/6) / 12 = 3.5/12 -> 14.00
export const INCREASES = 36 * 8 / 12 + 30.4 * 6 / 12 + 28.5 + 14.4 * 8 / 12 + 18.6 + 9.8 + 65.21
  + 16.2 * 10 / 12 + 48 * 3.5 / 12; // 198.41
//   退规 21.37; 外迁 E 24, start 7: 6/12 -> 12.00; 关停 F 10.2; 减产 75
export const DECREASES = 21.37 + 24 * 6 / 12 + 10.2 + 75; // 118.57
export const NET = INCREASES - DECREASES; // 79.84

// Plan year 2023: ledger account = 3558.4817… + 79.84 = 3638.3217…; gap = 3600 − 3638.3217… = −38.3217…
// (negative: the projection exceeds the target).
export const PROJECTION = BASE_ESTIMATE + NET;
export const GAP = TARGET - PROJECTION;

// The edit made by the tests: 重点企业增产（示例）(ledger 4, item 0; start month 1, no ramp, so all of it
// counts in 2023) from 65.21 to 75.21 -> projection +10, gap −48.3217…
export const EDIT = { ledger: 4, item: 0, from: '65.21', to: '75.21' };
export const GAP_AFTER_EDIT = TARGET - (PROJECTION + 10);

// Reinforcement target: 5% × 3600 − 79.84 = 180 − 79.84 = 100.16.
export const REINFORCEMENT = 0.05 * TARGET - NET;

/** As the page shows a figure: 2 decimals, no grouping (the test strips the page's commas). */
export const fixed2 = (/** @type {number} */ x) => x.toFixed(2);
