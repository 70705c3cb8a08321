// @ts-check
/**
 * The page: start the WASM module, load a scenario, draw the headline and the ten-ledger
 * table, and recompute through `account()` on every edit (a ledger cell, an item's
 * uncertainty, the full-year estimate method or the Spring Festival adjustment). The page does
 * no arithmetic.
 *
 * Bad input keeps the last good state: when `account()` throws, the error is shown and the
 * previous good scenario and results stay on screen.
 * @module main
 */
import { numberText } from './number-text.js';
import { account, examples, simulate, version } from './pkg/gapcast.js';
import { loadWasm } from './wasm-loader.js';
import { applyI18n, METHODS, t, tf } from './i18n.js';
import { renderHeadline, renderTitle } from './headline.js';
import { createLedgerTable } from './ledger-table.js';
import { renderError, problemsOf } from './error-view.js';
import { downloadScenario, embeddedScenarioText, readFileText } from './scenario-io.js';
import { h, replaceChildren } from './dom.js';
import { renderSimulation } from './simulation.js';
import { createSimRunner } from './sim-runner.js';

/** @typedef {import('./api-types.js').Scenario} Scenario */
/** @typedef {import('./api-types.js').AccountSummary} AccountSummary */
/** @typedef {import('./api-types.js').CoreError} CoreError */
/** @typedef {import('./api-types.js').Example} Example */
/** @typedef {import('./api-types.js').EstimateMethod} EstimateMethod */
/** @typedef {import('./api-types.js').SimulationResult} SimulationResult */
/** @typedef {import('./error-view.js').ErrorState} ErrorState */
/** @typedef {import('./i18n.js').Lang} Lang */
/** @typedef {import('./scenario-io.js').TextEncoding} TextEncoding */

const DEFAULT_EXAMPLE = 'qiantang-2023';
/** What the core uses when the scenario has no `rules.estimateMethod`. */
const DEFAULT_METHOD = 'auto';
/** The path the core gives in `Problem.path` for the method. */
const METHOD_PATH = 'rules.estimateMethod';
/** The paths the core gives for the Spring Festival rule start with this. */
const FESTIVAL_PATH = 'rules.springFestival';
const LANG_KEY = 'gapcast.lang';
/** What the core uses when the scenario has no `simulation.runs` / `simulation.seed`. */
const DEFAULT_RUNS = 10000;
const DEFAULT_SEED = 1;

/** @param {string} id */
function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`page is missing #${id}`);
  return el;
}

const els = {
  title: byId('gf-heading'),
  headline: byId('gf-headline'),
  table: byId('gf-table'),
  error: byId('gf-error'),
  status: byId('gf-status'),
  notes: /** @type {HTMLDetailsElement} */ (byId('gf-notes')),
  notesText: byId('gf-notes-text'),
  examples: /** @type {HTMLSelectElement} */ (byId('gf-examples')),
  method: /** @type {HTMLSelectElement} */ (byId('gf-method')),
  festival: /** @type {HTMLInputElement} */ (byId('gf-festival')),
  importInput: /** @type {HTMLInputElement} */ (byId('gf-import')),
  exportButton: /** @type {HTMLButtonElement} */ (byId('gf-export')),
  version: byId('gf-version'),
  simForm: /** @type {HTMLFormElement} */ (byId('gf-sim-form')),
  simRuns: /** @type {HTMLInputElement} */ (byId('gf-sim-runs')),
  simSeed: /** @type {HTMLInputElement} */ (byId('gf-sim-seed')),
  simButton: /** @type {HTMLButtonElement} */ (byId('gf-sim-run')),
  simStop: /** @type {HTMLButtonElement} */ (byId('gf-sim-stop')),
  simStatus: byId('gf-sim-status'),
  simError: byId('gf-sim-error'),
  simResult: byId('gf-sim-result'),
};

/**
 * What the Monte Carlo's status line says (an i18n key).
 * @typedef {'simRunning' | 'simStopped' | 'simStoppedEmpty'} SimStatus
 */

/**
 * What a simulation was asked for: the scenario as it was then and the options as typed
 * (a number, or the text when it is not one, so that the core reports it).
 * @typedef {{ scenario: Scenario, runs: number | string, seed: number | string, revision: number }} SimRequest
 * `revision`: the scenario's revision then (see `state.revision`), to tell whether the scenario
 * changed while the simulation ran
 */

/**
 * The page state: the last good scenario and its results, the current error, the file the
 * scenario was imported from when it was not UTF-8 (said in the status line), and a count of the
 * scenario's changes (its revision).
 * @type {{ lang: Lang, scenario: Scenario | null, summary: AccountSummary | null,
 *          error: ErrorState | null, examples: Example[],
 *          readAs: { file: string, encoding: TextEncoding } | null, revision: number }}
 */
const state = {
  lang: initialLang(), scenario: null, summary: null, error: null, examples: [], readAs: null, revision: 0,
};

/**
 * The Monte Carlo section: the last good result and the request that made it (re-run in the
 * other language when the language switches), the request asked for and not yet answered,
 * whether the scenario changed since, the current error, and a counter so that only the latest
 * request is shown, and what its status line says (with how much of a run is drawn).
 * @type {{ result: SimulationResult | null, resultLang: Lang | null, request: SimRequest | null,
 *          pending: SimRequest | null, stale: boolean, error: ErrorState | null, ticket: number,
 *          status: SimStatus | null, percent: number | null }}
 */
const sim = {
  result: null, resultLang: null, request: null, pending: null, stale: false, error: null, ticket: 0, status: null,
  percent: null,
};

const table = createLedgerTable(els.table, { onEdit: recompute });

/** Runs the Monte Carlo, in a worker when it can (set once the module is loaded). */
let simRunner = createSimRunner({ module: null, doc: document, simulateHere: simulate });

/** @returns {Lang} */
function initialLang() {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

/**
 * Run the core. A thrown error is returned, not rethrown.
 * @param {Scenario | string} input a scenario object or JSON text
 * @returns {{ ok: true, summary: AccountSummary } | { ok: false, error: CoreError }}
 */
function compute(input) {
  try {
    return { ok: true, summary: /** @type {AccountSummary} */ (account(input)) };
  } catch (error) {
    return { ok: false, error: /** @type {CoreError} */ (error) };
  }
}

/**
 * Replace the whole scenario (initial load, example, import) if the core accepts it.
 * @param {Scenario | string} input
 * @param {'initial' | 'example' | 'import'} source
 * @param {string} [file] the imported file's name
 * @returns {boolean} whether it was accepted
 */
function loadScenario(input, source, file) {
  const result = compute(input);
  if (!result.ok) {
    setError({ kind: 'core', source, error: result.error, file });
    return false;
  }
  state.scenario = typeof input === 'string' ? JSON.parse(input) : structuredClone(input);
  state.summary = result.summary;
  state.error = null;
  state.readAs = null;
  table.build(/** @type {Scenario} */ (state.scenario), result.summary, state.lang);
  applyI18n(els.table, state.lang);
  showMethod(/** @type {Scenario} */ (state.scenario));
  showFestival(/** @type {Scenario} */ (state.scenario));
  fillSimInputs(/** @type {Scenario} */ (state.scenario));
  scenarioChanged();
  renderAll();
  return true;
}

/**
 * Show the scenario's estimate method in the menu ("auto" when the scenario names none).
 * @param {Scenario} scenario
 */
function showMethod(scenario) {
  els.method.value = scenario.rules?.estimateMethod ?? DEFAULT_METHOD;
  setControlInvalid(els.method, false);
  els.method.disabled = false;
}

/**
 * Mark a control (the method menu, the festival checkbox) as invalid or not.
 * @param {HTMLElement} control
 * @param {boolean} invalid
 */
function setControlInvalid(control, invalid) {
  if (invalid) control.setAttribute('aria-invalid', 'true');
  else control.removeAttribute('aria-invalid');
}

/**
 * Put the method the menu shows into `scenario` (a draft). Nothing is written when the menu
 * shows what the scenario already uses, so an untouched menu leaves the scenario as imported.
 * @param {Scenario} scenario
 */
function applyMethod(scenario) {
  const chosen = /** @type {EstimateMethod} */ (els.method.value);
  if (!chosen || chosen === (scenario.rules?.estimateMethod ?? DEFAULT_METHOD)) return;
  scenario.rules = { ...(scenario.rules ?? {}), estimateMethod: chosen };
}

/**
 * Whether the scenario turns the Spring Festival regressor on: `rules.springFestival` present
 * and not `enabled: false` (the core's reading, docs/scenario.md).
 * @param {Scenario} scenario
 */
function festivalOn(scenario) {
  const rule = scenario.rules?.springFestival;
  return rule !== undefined && rule !== null && rule.enabled !== false;
}

/**
 * Show the scenario's Spring Festival rule in the checkbox.
 * @param {Scenario} scenario
 */
function showFestival(scenario) {
  els.festival.checked = festivalOn(scenario);
  setControlInvalid(els.festival, false);
  els.festival.disabled = false;
}

/**
 * Put the checkbox into `scenario` (a draft). Nothing is written when it shows what the
 * scenario already does; switching off a rule that only says `enabled` removes it, so that
 * on-then-off gives back the scenario as imported.
 * @param {Scenario} scenario
 */
function applyFestival(scenario) {
  const chosen = els.festival.checked;
  if (chosen === festivalOn(scenario)) return;
  const rules = { ...(scenario.rules ?? {}) };
  const rule = { ...(rules.springFestival ?? {}), enabled: chosen };
  if (!chosen && Object.keys(rule).every((k) => k === 'enabled')) delete rules.springFestival;
  else rules.springFestival = rule;
  scenario.rules = rules;
}

/**
 * A ledger cell, an uncertainty field, the method menu or the Spring Festival checkbox changed:
 * recompute from everything the controls show. On failure the error is shown and the last good
 * scenario and results stay (and the controls keep what was typed).
 * @param {HTMLInputElement | HTMLSelectElement} source the control that changed
 */
function recompute(source) {
  if (!state.scenario) return;
  const draft = table.readDraft(state.scenario);
  applyMethod(draft.scenario);
  applyFestival(draft.scenario);
  if (draft.bad.length > 0) {
    table.markInvalid(new Set(draft.bad));
    setError({ kind: 'input', paths: draft.bad });
    return;
  }
  const result = compute(draft.scenario);
  if (!result.ok) {
    const paths = new Set(problemsOf(result.error).map((p) => p.path));
    const methodBad = paths.has(METHOD_PATH);
    const festivalBad = [...paths].some((p) => p.startsWith(FESTIVAL_PATH));
    setControlInvalid(els.method, methodBad);
    setControlInvalid(els.festival, festivalBad);
    // A problem that names no control (or a path we do not show) still marks the edited one.
    if (table.markInvalid(paths) === 0 && !methodBad && !festivalBad) {
      if (source === els.method || source === els.festival) setControlInvalid(source, true);
      else table.markInvalid(new Set([/** @type {string} */ (source.dataset.path)]));
    }
    setError({ kind: 'core', source: 'edit', error: result.error });
    return;
  }
  state.scenario = draft.scenario;
  state.summary = result.summary;
  state.error = null;
  table.markInvalid(new Set());
  setControlInvalid(els.method, false);
  setControlInvalid(els.festival, false);
  scenarioChanged();
  renderAll();
}

/**
 * Prefill the simulation inputs from a newly loaded scenario.
 * @param {Scenario} scenario
 */
function fillSimInputs(scenario) {
  const s = /** @type {{ runs?: number, seed?: number } | undefined} */ (/** @type {any} */ (scenario).simulation);
  els.simRuns.value = String(s?.runs ?? DEFAULT_RUNS);
  els.simSeed.value = String(s?.seed ?? DEFAULT_SEED);
  markSimInvalid(new Set());
}

/** The scenario on screen changed: a shown simulation result no longer matches it. */
function scenarioChanged() {
  state.revision += 1;
  els.simButton.disabled = false;
  // "stopped, the last results are shown" no longer says anything useful about this scenario
  if (sim.status === 'simStopped' || sim.status === 'simStoppedEmpty') setSimStatus(null);
  if (sim.result && !sim.stale) {
    sim.stale = true;
    renderSim(state.lang);
  }
}

/**
 * An option as typed: a number when the text is one (see `numberText`: full-width digits and
 * thousands separators are read), else the text itself (the core then says what is wrong with
 * it, in both languages).
 * @param {string} text
 * @returns {number | string}
 */
function optionValue(text) {
  const plain = numberText(text);
  return plain === null ? text.trim() : Number(plain);
}

/** @param {Set<'runs' | 'seed'>} bad */
function markSimInvalid(bad) {
  for (const [key, input] of /** @type {const} */ ([['runs', els.simRuns], ['seed', els.simSeed]])) {
    if (bad.has(key)) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
}

/**
 * Which inputs a simulate() error is about (from the problem paths, or the option named
 * in the message of an options error).
 * @param {CoreError} error
 * @returns {Set<'runs' | 'seed'>}
 */
function simInputsOf(error) {
  /** @type {Set<'runs' | 'seed'>} */
  const bad = new Set();
  for (const p of problemsOf(error)) {
    const where = `${p.path} ${p.en}`;
    if (/(^|[.\s])runs\b/.test(where)) bad.add('runs');
    if (/(^|[.\s])seed\b/.test(where)) bad.add('seed');
  }
  return bad;
}

/**
 * Run the Monte Carlo for `request` in the page's language (in the worker, so the page stays
 * responsive and the run can be stopped). On success the result replaces the shown one; on
 * failure the core's error is shown and the last result stays; a run superseded by a newer one
 * or stopped shows nothing.
 * @param {SimRequest} request
 * @param {{ rerun?: boolean }} [options] `rerun`: the same request again (language switch),
 *   which leaves the inputs and the error as they are
 */
async function runSimulation(request, { rerun = false } = {}) {
  const ticket = ++sim.ticket;
  const lang = state.lang;
  if (!rerun) sim.pending = request;
  els.simButton.disabled = true;
  els.simStop.hidden = false;
  setSimStatus('simRunning');
  // Let the status paint before the core call (synchronous when there is no worker).
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  if (ticket !== sim.ticket) return;
  const outcome = await simRunner.run(request.scenario, { runs: request.runs, seed: request.seed, lang },
    (progress) => {
      if (ticket === sim.ticket) setSimStatus('simRunning', progress.percent);
    });
  if (ticket !== sim.ticket || 'stopped' in outcome) return;
  endRunControls();
  setSimStatus(null);
  if (!rerun) sim.pending = null;
  if (outcome.ok) {
    sim.result = /** @type {SimulationResult} */ (outcome.result);
    sim.resultLang = lang;
    if (!rerun) {
      sim.request = request;
      // the scenario may have been edited while the worker simulated
      sim.stale = request.revision !== state.revision;
      sim.error = null;
      markSimInvalid(new Set());
    }
  } else if (!rerun) {
    sim.error = { kind: 'core', source: 'simulate', error: outcome.error };
    markSimInvalid(simInputsOf(outcome.error));
  }
  // Where the numbers were made ('worker' or 'page'): for the tests.
  els.simResult.dataset.runner = outcome.where;
  renderSim(lang);
}

/**
 * Say what the Monte Carlo is doing next to its button (redrawn in the other language by renderSim).
 * @param {SimStatus | null} key
 * @param {number | null} [percent] how much of a run in progress is drawn (the core's figure)
 */
function setSimStatus(key, percent = null) {
  sim.status = key;
  sim.percent = percent;
  els.simStatus.textContent = simStatusText(state.lang);
}

/** @param {Lang} lang */
function simStatusText(lang) {
  if (sim.status === 'simRunning' && sim.percent !== null) return tf(lang, 'simRunningPercent', String(sim.percent));
  return sim.status ? t(lang, sim.status) : '';
}

/** A run is over (made, failed, stopped or no longer needed): Run back, Stop hidden; the focus
 * moves from Stop to Run rather than to nowhere. */
function endRunControls() {
  els.simButton.disabled = false;
  if (document.activeElement === els.simStop) els.simButton.focus();
  els.simStop.hidden = true;
}

/** Stop the run in progress: the last results stay, and the status says so. */
function stopSimulation() {
  ++sim.ticket;
  simRunner.stop();
  sim.pending = null;
  endRunControls();
  setSimStatus(sim.result ? 'simStopped' : 'simStoppedEmpty');
}

/** @param {Lang} lang */
function renderSim(lang) {
  renderError(els.simError, sim.error, lang);
  els.simStatus.textContent = simStatusText(lang);
  els.simResult.dataset.stale = String(sim.stale);
  renderSimulation(els.simResult, sim.result, lang, sim.stale);
  // The language the shown result (its charts) was made in: for the tests.
  els.simResult.dataset.lang = sim.resultLang ?? '';
}

/** @param {ErrorState} error */
function setError(error) {
  state.error = error;
  renderError(els.error, error, state.lang);
}

/** Draw everything that depends on the results or the language. */
function renderAll() {
  const { lang, summary, scenario } = state;
  renderError(els.error, state.error, lang);
  if (!summary || !scenario) return;
  els.status.textContent = state.readAs
    ? tf(lang, 'importedReadAs', state.readAs.file, t(lang, state.readAs.encoding === 'gb18030' ? 'encodingGb18030' : 'encodingUtf16'))
    : '';
  renderTitle(els.title, summary, lang);
  renderHeadline(els.headline, summary, lang);
  table.update(summary, scenario, lang);
  els.notes.hidden = !scenario.notes;
  els.notesText.textContent = scenario.notes ?? '';
  els.exportButton.disabled = false;
  document.body.dataset.ready = 'true';
}

/** @param {Lang} lang */
function setLang(lang) {
  state.lang = lang;
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t(lang, 'appName');
  for (const button of document.querySelectorAll('[data-lang]')) {
    button.setAttribute('aria-pressed', String(button.getAttribute('data-lang') === lang));
  }
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // storage may be unavailable (private mode, file://); the switch still works for this visit
  }
  applyI18n(document, lang);
  renderAll();
  renderSim(lang);
  // The charts carry their own text: make them again in the new language. A run asked for and
  // not yet made is made now, in the new language (the switch supersedes its call).
  if (sim.pending) {
    runSimulation(sim.pending);
  } else if (sim.result && sim.request && sim.resultLang !== lang) {
    runSimulation(sim.request, { rerun: true });
  } else if (sim.status === 'simRunning') {
    // a re-run for the other language, switched back before it ended: the shown result is right
    ++sim.ticket;
    simRunner.stop();
    endRunControls();
    setSimStatus(null);
  }
}

function fillExamples() {
  replaceChildren(els.examples,
    h('option', { value: '', 'data-i18n': 'examplesChoose' }),
    state.examples.map((ex) => h('option', { value: ex.id, text: ex.title })));
  applyI18n(els.examples, state.lang);
}

function fillMethods() {
  replaceChildren(els.method, METHODS.map(([value, key]) => h('option', { value, 'data-i18n': key })));
  applyI18n(els.method, state.lang);
}

function wireControls() {
  for (const button of document.querySelectorAll('[data-lang]')) {
    button.addEventListener('click', () => setLang(button.getAttribute('data-lang') === 'en' ? 'en' : 'zh'));
  }
  els.examples.addEventListener('change', () => {
    const ex = state.examples.find((e) => e.id === els.examples.value);
    if (ex) loadScenario(ex.scenario, 'example');
  });
  els.method.addEventListener('change', () => recompute(els.method));
  els.festival.addEventListener('change', () => recompute(els.festival));
  els.importInput.addEventListener('change', async () => {
    const file = els.importInput.files?.[0];
    if (!file) return;
    const read = await readFileText(file);
    els.importInput.value = ''; // the same file can be chosen again
    if (!read) {
      setError({ kind: 'file', file: file.name });
      return;
    }
    // The core parses the text, so malformed JSON gets its message in both languages.
    if (loadScenario(read.text, 'import', file.name)) {
      els.examples.value = '';
      if (read.encoding !== 'utf-8') {
        state.readAs = { file: file.name, encoding: read.encoding };
        renderAll();
      }
    }
  });
  els.simForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!state.scenario) return;
    runSimulation({
      scenario: structuredClone(state.scenario),
      revision: state.revision,
      runs: optionValue(els.simRuns.value),
      seed: optionValue(els.simSeed.value),
    });
  });
  els.simStop.addEventListener('click', stopSimulation);
  els.exportButton.addEventListener('click', () => {
    if (state.scenario) downloadScenario(document, state.scenario);
  });
}

async function start() {
  setLang(state.lang);
  els.status.textContent = t(state.lang, 'loading');
  const module = await loadWasm(document);
  simRunner = createSimRunner({ module, doc: document, simulateHere: simulate });
  els.version.textContent = `gapcast ${version()}`;
  state.examples = /** @type {Example[]} */ (examples());
  fillExamples();
  fillMethods();
  wireControls();
  const embedded = embeddedScenarioText(document);
  const fallback = state.examples.find((e) => e.id === DEFAULT_EXAMPLE) ?? state.examples[0];
  if (embedded) {
    loadScenario(embedded, 'initial');
  } else if (fallback) {
    if (loadScenario(fallback.scenario, 'initial')) els.examples.value = fallback.id;
  }
  els.status.textContent = '';
}

start().catch((error) => {
  els.status.textContent = '';
  setError({ kind: 'fatal', error });
  console.error(error);
});
