// @ts-check
/**
 * Getting a scenario in and out of the page without any network: the embedded scenario of
 * the offline file, a local JSON file, and a download through a Blob URL.
 * @module scenario-io
 */

/** @typedef {import('./api-types.js').Scenario} Scenario */

/**
 * The JSON text of `<script type="application/json" id="gf-scenario">`, or null.
 * @param {Document} doc
 * @returns {string | null}
 */
export function embeddedScenarioText(doc) {
  const el = doc.getElementById('gf-scenario');
  const text = el?.textContent?.trim();
  return text ? text : null;
}

/**
 * A text encoding a scenario file may come in: UTF-8 (what gapcast writes), UTF-16 with its byte
 * order mark (Excel's and Notepad's "Unicode"), or GB18030, the superset of GBK that Chinese
 * Windows and its editors save in by default.
 * @typedef {'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030'} TextEncoding
 */

/**
 * Decode a file's bytes strictly (a byte that does not belong is an error, never a silent U+FFFD):
 * UTF-16 when the bytes start with its byte order mark, else UTF-8, else GB18030. A byte order
 * mark is dropped. Null when the bytes are none of these.
 * @param {Uint8Array} bytes
 * @returns {{ text: string, encoding: TextEncoding } | null}
 */
export function decodeText(bytes) {
  /** @type {TextEncoding[]} */
  const tries = bytes[0] === 0xFF && bytes[1] === 0xFE ? ['utf-16le']
    : bytes[0] === 0xFE && bytes[1] === 0xFF ? ['utf-16be']
      : ['utf-8', 'gb18030'];
  for (const encoding of tries) {
    try {
      return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes), encoding };
    } catch {
      // not this encoding: try the next
    }
  }
  return null;
}

/**
 * Read a local file as text (see {@link decodeText}).
 * @param {File} file
 */
export async function readFileText(file) {
  return decodeText(new Uint8Array(await file.arrayBuffer()));
}

/**
 * A file name made from the scenario title.
 * @param {Scenario} scenario
 */
export function exportFileName(scenario) {
  const base = String(scenario.title ?? 'scenario').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim() || 'scenario';
  return `${base}.json`;
}

/**
 * Offer `scenario` as a JSON download (no network: a Blob URL).
 * @param {Document} doc
 * @param {Scenario} scenario
 */
export function downloadScenario(doc, scenario) {
  const blob = new Blob([`${JSON.stringify(scenario, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = exportFileName(scenario);
  a.hidden = true;
  doc.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
