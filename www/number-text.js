// @ts-check
/**
 * Numbers as an analyst types or pastes them: full-width digits from a Chinese input method
 * (１２３．５), and commas (ASCII or full-width) between groups of three digits as thousands
 * separators, become plain ASCII number text; anything else is not one number. Reading only: the
 * page does no arithmetic, the core gets the number.
 * @module number-text
 */

/**
 * The text as a plain number ("1234.5"), or null when it is not one number ("12\t34", "36,5",
 * "80%", "abc").
 * @param {string} text
 * @returns {string | null}
 */
export function numberText(text) {
  const ascii = text.trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/．/g, '.')
    .replace(/[－−]/g, '-')
    .replace(/＋/g, '+');
  const plain = /^[+-]?\d{1,3}([,，]\d{3})+(\.\d+)?$/.test(ascii) ? ascii.replace(/[,，]/g, '') : ascii;
  return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(plain) ? plain : null;
}
