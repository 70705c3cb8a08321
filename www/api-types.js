// @ts-check
/**
 * JSDoc typedefs mirroring docs/api.md (the contract of the WASM module). Types only; no code.
 * Import them with `@typedef {import('./api-types.js').AccountSummary} AccountSummary`.
 * @module api-types
 */

/**
 * @typedef {{ code: string, path: string, en: string, zh: string }} Problem
 */

/**
 * The JS Error thrown by `account()`: name = code, message = English, plus `zh` and `problems`.
 * @typedef {Error & { zh?: string, problems?: Problem[] }} CoreError
 */

/**
 * An item's annual amount for the Monte Carlo (docs/scenario.md `amountDist`).
 * @typedef {{ type: 'range90', low: number, high: number }
 *   | { type: 'triangular' | 'pert', min: number, mode: number, max: number }
 *   | { type: 'uniform', min: number, max: number }
 *   | { type: 'point', value: number }} AmountDist
 */

/**
 * @typedef {object} LedgerItem
 * @property {string} name
 * @property {number} amount planned annual amount: what the deterministic account uses
 * @property {number} startMonth
 * @property {number} rampMonths
 * @property {AmountDist} [amountDist] what the Monte Carlo draws the amount from
 * @property {number} [probability] 0..1, default 1
 * @property {{ from: number, to: number }} [startWindow] start month drawn uniformly in the window
 * @property {{ group: string, correlation: number }} [shock] shared shock, ρ in 0..1
 */

/**
 * @typedef {object} Ledger
 * @property {string} name
 * @property {'increase' | 'decrease'} direction
 * @property {LedgerItem[]} items
 */

/**
 * Scenario document, version 1 (only the parts the page touches are spelled out).
 * @typedef {object} Scenario
 * @property {1} version
 * @property {string} title
 * @property {string} region
 * @property {string} indicator
 * @property {'亿元' | '万元'} unit
 * @property {string} [notes]
 * @property {object} history
 * @property {number} baseYear
 * @property {number} planYear
 * @property {number} target
 * @property {Ledger[]} ledgers
 * @property {Rules} [rules]
 */

/**
 * `rules.estimateMethod`: how an incomplete year's remaining months are forecast.
 * @typedef {'auto' | 'ets' | 'theta' | 'snaive' | 'pace' | 'combo'} EstimateMethod
 */

/**
 * Scenario rules (optional; every field has a default in the core). Only the parts the page touches.
 * @typedef {{ estimateMethod?: EstimateMethod, springFestival?: SpringFestivalRule } & Record<string, unknown>} Rules
 */

/**
 * `rules.springFestival`: the Spring Festival regressor; the object's presence turns it on
 * unless `enabled` is false (docs/scenario.md).
 * @typedef {{ enabled?: boolean, daysBefore?: number, daysAfter?: number }} SpringFestivalRule
 */

/**
 * The estimated Spring Festival effect (docs/api.md `FestivalEffect`).
 * @typedef {object} FestivalEffect
 * @property {number} beta log effect of a period holding the whole window
 * @property {number} se its standard error
 * @property {number} effectPct (e^β − 1) × 100
 * @property {number} effectSePct standard error of effectPct, percentage points
 * @property {number} observations seasonal differences in the regression
 * @property {number} years years in which the festival moved between periods
 * @property {{ daysBefore: number, daysAfter: number }} window
 */

/**
 * How the missing months of an incomplete year were forecast (docs/api.md `YearForecast`).
 * @typedef {object} YearForecast
 * @property {EstimateMethod} requested what the scenario asked for
 * @property {Exclude<EstimateMethod, 'auto'>} method what was used (auto resolved)
 * @property {string} model e.g. 'ETS(M,A,M)', 'Pace(shares=seasonal)'
 * @property {number} periods periods forecast
 * @property {number} p10 80% range of the annual total: lower end
 * @property {number} p90 80% range of the annual total: upper end
 * @property {FestivalEffect} [springFestival] present when rules.springFestival is on and the effect was estimated
 */

/**
 * @typedef {object} Light
 * @property {'pace' | 'gap'} kind
 * @property {'good' | 'watch' | 'alert' | 'none'} level
 * @property {'green' | 'yellow' | 'red' | 'blue' | 'grey'} colour
 * @property {number | null} value
 * @property {string} en
 * @property {string} zh
 * @property {string} ruleEn
 * @property {string} ruleZh
 */

/**
 * @typedef {object} BaseYear
 * @property {number} year
 * @property {number} lastMonth
 * @property {boolean} complete
 * @property {number} ytd
 * @property {number} estimate
 * @property {'seasonal' | 'calendar'} paceBasis
 * @property {number} share
 * @property {YearForecast | null} forecast null when the year is complete
 * @property {number | null} priorYtd
 * @property {number | null} ytdGrowthPct
 */

/**
 * @typedef {object} ItemResult
 * @property {string} name
 * @property {number} amount
 * @property {number} startMonth
 * @property {number} rampMonths
 * @property {number} yearShare
 * @property {number} effect
 */

/**
 * @typedef {object} LedgerResult
 * @property {string} name
 * @property {'increase' | 'decrease'} direction
 * @property {number} effect
 * @property {ItemResult[]} items
 */

/**
 * @typedef {object} InYear
 * @property {number} lastMonth
 * @property {number} ytd
 * @property {number} completionPct
 * @property {number} calendarPacePct
 * @property {number | null} seasonalPacePct
 * @property {'seasonal' | 'calendar'} paceBasis
 * @property {number} paceGapPp
 * @property {number} estimate
 * @property {YearForecast | null} forecast null when the year is complete
 * @property {number} gap
 * @property {number} gapPct
 * @property {number} remainingMonths
 * @property {number | null} requiredMonthlyAverage
 * @property {number | null} requiredGrowthPct
 */

/**
 * @typedef {object} AccountSummary
 * @property {string} title
 * @property {string} region
 * @property {string} indicator
 * @property {'亿元' | '万元'} unit
 * @property {number} baseYear
 * @property {number} planYear
 * @property {number} target
 * @property {BaseYear} base
 * @property {LedgerResult[]} ledgers
 * @property {number} increases
 * @property {number} decreases
 * @property {number} netLedgers
 * @property {{ projection: number, gap: number, gapPct: number, periods: any[] }} plan
 * @property {InYear | null} inYear
 * @property {{ share: number, ruleAmount: number, netLedgers: number, amount: number, status: 'needed' | 'met' }} reinforcement
 * @property {number | null} chainTarget
 * @property {{ pace: Light, gap: Light }} lights
 * @property {Array<{ code: string, en: string, zh: string }>} notices
 */

/**
 * @typedef {{ id: string, title: string, scenario: Scenario }} Example
 */

/**
 * @typedef {{ mean?: number, sd?: number, p5: number, p10: number, p50: number, p90: number, p95: number }} Quantiles
 */

/**
 * The result of `simulate(scenario, { runs, seed, lang, totals })` (see docs/api.md).
 * @typedef {object} SimulationResult
 * @property {Float64Array} [totals] each run's annual total, in run order (only with `totals: true`)
 * @property {number} runs
 * @property {number} seed
 * @property {number} target
 * @property {string} unit
 * @property {Quantiles & { mean: number, sd: number }} total
 * @property {{ p: number, se: number, runs: number }} meet
 * @property {Quantiles} gap
 * @property {Quantiles} base
 * @property {Array<{ name: string, direction: 'increase' | 'decrease', effect: Quantiles }>} ledgers
 * @property {Array<{ name: string, low: number, high: number, swing: number }>} tornado
 * @property {{ months: number[], p10: number[], p50: number[], p90: number[], actual: number[], targetPath: number[] }} fan
 * @property {{ edges: number[], counts: number[] }} histogram
 * @property {{ byRule: number, level: number, forLevel: number }} reinforcement
 * @property {Array<{ code: string, en: string, zh: string }>} notices
 * @property {{ fan: string, waterfall: string, tornado: string, histogram: string }} charts SVG documents
 */

export {};
