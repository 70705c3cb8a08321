// @ts-check
/**
 * Where the page's Monte Carlo runs: in a worker (`sim-worker.js`) when the page can start one, so
 * that the page stays responsive and a run can be stopped; on the page's own thread when it cannot
 * (no Worker, a content policy that forbids it, a module that cannot be sent). The served page starts
 * the worker from `sim-worker.js`; the offline file carries the worker's code in
 * `<script type="text/x-gapcast-worker" id="gf-worker">` and starts it from a blob: URL, since a
 * file:// page cannot load another file. Either way the worker gets the module the page compiled.
 * @module sim-runner
 */

/** @typedef {import('./api-types.js').CoreError} CoreError */
/** @typedef {{ percent: number, drawn: number, runs: number }} SimProgress */

/**
 * @typedef {{ ok: true, result: unknown, where: 'worker' | 'page' }
 *   | { ok: false, error: CoreError, where: 'worker' | 'page' }
 *   | { ok: false, stopped: true }} SimOutcome
 */

/**
 * @param {{ module: WebAssembly.Module | null, doc: Document,
 *           simulateHere: (scenario: unknown, options: object) => unknown }} how
 *   `module`: the compiled core for the worker (null: always on the page);
 *   `simulateHere`: the core's `simulate` on the page's thread
 */
export function createSimRunner({ module, doc, simulateHere }) {
  /** @type {Worker | null} */
  let worker = null;
  let broken = module === null || typeof Worker !== 'function';
  /** @type {string | null} */
  let blobUrl = null;
  let nextId = 0;
  /** @type {{ id: number, resolve: (outcome: SimOutcome) => void } | null} */
  let current = null;

  /** @returns {Worker | null} */
  function startWorker() {
    if (broken) return null;
    try {
      const embedded = doc.getElementById('gf-worker')?.textContent;
      let w;
      if (embedded) {
        blobUrl ??= URL.createObjectURL(new Blob([embedded], { type: 'text/javascript' }));
        w = new Worker(blobUrl);
      } else {
        w = new Worker(new URL('./sim-worker.js', import.meta.url), { type: 'module' });
      }
      w.postMessage({ module });
      return w;
    } catch {
      broken = true;
      return null;
    }
  }

  /**
   * @param {unknown} scenario
   * @param {object} options
   * @returns {SimOutcome}
   */
  function runHere(scenario, options) {
    try {
      return { ok: true, result: simulateHere(scenario, options), where: 'page' };
    } catch (error) {
      return { ok: false, error: /** @type {CoreError} */ (error), where: 'page' };
    }
  }

  /** End the worker (a run in it stops at once); the next run starts a new one. */
  function endWorker() {
    worker?.terminate();
    worker = null;
  }

  /**
   * Stop the run in progress, if any: its promise resolves with `{ ok: false, stopped: true }`.
   * @returns {boolean} whether a run was stopped
   */
  function stop() {
    if (!current) return false;
    endWorker();
    const { resolve } = current;
    current = null;
    resolve({ ok: false, stopped: true });
    return true;
  }

  /**
   * Simulate `scenario` with `options` (those of the core's `simulate`); a run still in progress
   * is stopped first. `onProgress` hears the core's `{ percent, drawn, runs }` as the worker draws
   * (on the page's thread nothing could be shown before the end, so it is not called there).
   * @param {unknown} scenario
   * @param {object} options
   * @param {(progress: SimProgress) => void} [onProgress]
   * @returns {Promise<SimOutcome>}
   */
  function run(scenario, options, onProgress) {
    stop();
    worker ??= startWorker();
    const w = worker;
    if (!w) return Promise.resolve(runHere(scenario, options));
    const id = ++nextId;
    return new Promise((resolve) => {
      current = { id, resolve };
      /** The worker cannot do it: say so for good and run on the page. */
      const fallBack = () => {
        if (current?.id !== id) return;
        current = null;
        broken = true;
        endWorker();
        resolve(runHere(scenario, options));
      };
      w.onmessage = (event) => {
        const data = event.data;
        if (current?.id !== id || data?.id !== id) return;
        if (data.progress) {
          onProgress?.(data.progress);
          return;
        }
        if (data.failed) {
          fallBack();
          return;
        }
        current = null;
        if (data.ok) {
          resolve({ ok: true, result: data.result, where: 'worker' });
        } else {
          const e = data.error;
          // Not the core's error (no list of problems): the module may have trapped, so the next
          // run gets a fresh worker.
          if (!Array.isArray(e.problems)) endWorker();
          const error = Object.assign(new Error(e.message), { name: e.name, zh: e.zh, problems: e.problems });
          resolve({ ok: false, error: /** @type {CoreError} */ (/** @type {unknown} */ (error)), where: 'worker' });
        }
      };
      w.onerror = (event) => {
        event.preventDefault();
        fallBack();
      };
      w.onmessageerror = fallBack;
      try {
        w.postMessage({ id, scenario, options });
      } catch {
        fallBack();
      }
    });
  }

  return { run, stop };
}
