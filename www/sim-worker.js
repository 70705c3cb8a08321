// @ts-check
/**
 * The Monte Carlo off the page's thread: a dedicated worker that runs the core's `simulate()`, so
 * that a long simulation (up to a million runs of 25 000 items) never freezes the page and can be
 * stopped by ending the worker. The page sends the module it compiled, `{ module }`, once, then
 * one request at a time, `{ id, scenario, options }`; the worker says how far it is,
 * `{ id, progress: { percent, drawn, runs } }` (from the core, at each whole per cent), and answers `{ id, ok: true, result }`
 * or `{ id, ok: false, error }` for the core's error, with the error's fields copied out (an
 * Error's own fields do not survive postMessage), or `{ id, ok: false, failed }` when the module
 * cannot start here (the page then simulates on its own thread).
 * @module sim-worker
 */
import init, { simulate } from './pkg/gapcast.js';

/** @type {Promise<unknown> | null} */
let ready = null;

self.addEventListener('message', async (/** @type {MessageEvent} */ event) => {
  const data = event.data;
  if (data.module) {
    ready = init({ module_or_path: data.module });
    return;
  }
  try {
    if (!ready) throw new Error('the module was not sent');
    await ready;
  } catch (error) {
    self.postMessage({ id: data.id, ok: false, failed: String(error) });
    return;
  }
  try {
    /** @param {unknown} progress */
    const tell = (progress) => self.postMessage({ id: data.id, progress });
    self.postMessage({ id: data.id, ok: true, result: simulate(data.scenario, data.options, tell) });
  } catch (error) {
    const e = /** @type {any} */ (error) ?? {};
    self.postMessage({
      id: data.id,
      ok: false,
      error: { name: String(e.name ?? 'Error'), message: String(e.message ?? e), zh: e.zh, problems: e.problems },
    });
  }
});
