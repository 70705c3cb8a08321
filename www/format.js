// @ts-check
/**
 * Number formatting only: the page does no arithmetic, every number comes from the core.
 * Amounts have 2 decimals and thousands separators; a minus sign is the ASCII "-" so that a
 * copied figure pastes as a number into a spreadsheet.
 * @module format
 */

const amountFmt = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const signedFmt = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero',
});
const absFmt = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'never',
});
const shareFmt = new Intl.NumberFormat('en-US', {
  style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1,
});
const rateFmt = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 2 });

/** @param {number | null | undefined} x */
const missing = (x) => x === null || x === undefined || !Number.isFinite(x);

/** 3,638.32 — an amount in the scenario's unit. */
export function amount(/** @type {number | null | undefined} */ x) {
  return missing(x) ? '—' : amountFmt.format(/** @type {number} */ (x));
}

/** +79.84 / -38.32 — an amount whose sign matters. */
export function signed(/** @type {number | null | undefined} */ x) {
  return missing(x) ? '—' : signedFmt.format(/** @type {number} */ (x));
}

/** 38.32 — the size of an amount when the words already say which way it goes. */
export function magnitude(/** @type {number | null | undefined} */ x) {
  return missing(x) ? '—' : absFmt.format(/** @type {number} */ (x));
}

/** 1.06% — a value that the core already gives in percent. */
export function pct(/** @type {number | null | undefined} */ x) {
  return missing(x) ? '—' : `${amountFmt.format(/** @type {number} */ (x))}%`;
}

/** +3.10% — a growth rate the core gives in percent. */
export function signedPct(/** @type {number | null | undefined} */ x) {
  return missing(x) ? '—' : `${signedFmt.format(/** @type {number} */ (x))}%`;
}

/** -2.50 — a difference in percentage points (the unit word is added by the caller). */
export function pp(/** @type {number | null | undefined} */ x) {
  return missing(x) ? '—' : signedFmt.format(/** @type {number} */ (x));
}

/** 82.7% — a fraction 0..1 from the core shown as a percentage. */
export function share(/** @type {number | null | undefined} */ x) {
  return missing(x) ? '—' : shareFmt.format(/** @type {number} */ (x));
}

/** 5% — a rate 0..1 from the rules, with only the decimals it has. */
export function rate(/** @type {number | null | undefined} */ x) {
  return missing(x) ? '—' : rateFmt.format(/** @type {number} */ (x));
}

const ppOfShareFmt = new Intl.NumberFormat('en-US', {
  style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2,
});

/** 0.35 — a fraction 0..1 from the core in percentage points (the unit word is added by the caller). */
export function ppOfShare(/** @type {number | null | undefined} */ x) {
  if (missing(x)) return '—';
  return ppOfShareFmt.formatToParts(/** @type {number} */ (x))
    .filter((p) => p.type !== 'percentSign' && p.type !== 'literal').map((p) => p.value).join('');
}

const amount0Fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** 3,600 — an amount with only the decimals it has (a target as written in the scenario). */
export function amount0(/** @type {number | null | undefined} */ x) {
  return missing(x) ? '—' : amount0Fmt.format(/** @type {number} */ (x));
}

const countFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 20,000 — a count. */
export function count(/** @type {number | null | undefined} */ x) {
  return missing(x) ? '—' : countFmt.format(/** @type {number} */ (x));
}
