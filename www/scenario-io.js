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
 * Read a local file as text. A UTF-8 byte order mark (Windows Notepad adds one) is dropped.
 * @param {File} file
 * @returns {Promise<string>}
 */
export async function readFileText(file) {
  const text = await file.text();
  return text.replace(/^\uFEFF/, '');
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
