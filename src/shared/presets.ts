/**
 * The presets: five one-click setups that each show one lesson of the paper within minutes, as
 * plain URL queries (so every preset is also a link, `?preset=<id>`). Plain data and string
 * handling, no tfjs: the page, its stores and the Node script that measured them
 * (`scripts/presets.ts`) all read this one table.
 *
 * All five share one data set, model and budget (`SHARED`), so between two presets only the
 * method and its temperature change — what a room compares. The budgets were chosen by running
 * `npx tsx scripts/presets.ts` (README, "Presets", gives what each showed and how long it took).
 */

export interface Preset {
  /** How a link names it: `?preset=<id>`. */
  id: string;
  /** The button's name (DESIGN.md §6: the presets issue's names). */
  name: string;
  /** One sentence: what to look for once it has trained and the detector has run. */
  look: string;
  /**
   * The settings as the page's URL query: config fields and the detector's `detector…`
   * parameters (src/shared/url-params.ts declares them all), over the defaults of the data set
   * and method it names.
   */
  query: string;
}

/**
 * MNIST's embedded digits, a narrow CNN and small budgets. ε = 0.1: at MNIST's usual 0.3 so short
 * a run leaves TRADES and LTD near chance (measured, scripts/closing-table.ts). 16 teacher epochs
 * (only LTD and defensive distillation have a teacher): after 4 its logits are small, its labels
 * at τ = 5 nearly flat (mean top probability 0.26, uniform 0.10) and the LTD student stays at 30 %
 * natural accuracy; after 16 they are 0.65 and the student reaches 80 % (scripts/teacher-confidence.ts,
 * scripts/presets.ts). The per-epoch chart uses PGD-10 on the first 100 test points, the points
 * the detector examines too (AA-lite's quick budget, Square at 500 queries), so the chart's PGD and
 * the detector's Square compare point for point.
 */
const SHARED = [
  'dataset=mnist',
  'trainSize=1000',
  'testSize=200',
  'epochs=4',
  'teacherEpochs=16',
  'convChannels=4',
  'hiddenUnits=32',
  'trainPgdSteps=3',
  'epsilon=0.1',
  'evalAttack=pgd',
  'evalPgdSteps=10',
  'evalSubset=100',
  'detectorAttack=aa-lite',
  'detectorBudget=quick',
  'detectorSubset=100',
  'detectorQueries=500',
  'detectorMultiples=1,3',
].join('&');

export const PRESETS: readonly Preset[] = [
  {
    id: 'natural',
    name: 'No defence (natural)',
    look: 'No robust training: natural accuracy is high, AA-lite breaks most digits at ε = 0.1 and Square, which sees only outputs, fewer. The detector calls it clean: nothing hides the gradients, the model is simply not robust.',
    query: `method=natural&${SHARED}`,
  },
  {
    id: 'trades',
    name: 'TRADES baseline',
    look: 'Adversarial training on one-hot labels: natural accuracy stays about where the natural model’s is, AA-lite leaves about twice as many digits correct and Square agrees; the detector stays clean. The reference the LTD presets compare with.',
    query: `method=trades&lambda=6&${SHARED}`,
  },
  {
    id: 'ltd-paper',
    name: 'LTD, paper default (τ = 5, λ = 6)',
    look: 'The student learns from the teacher’s soft labels at τ = 5 instead of one-hot labels (the teacher trains 16 epochs, so its labels are not flat). On a run this small expect natural and AA-lite accuracy level with TRADES within sampling error, not the paper’s gain of a point or two; the detector stays clean.',
    query: `method=ltd&tau=5&lambda=6&${SHARED}`,
  },
  {
    id: 'ltd-hot',
    name: 'LTD too hot (τ = 30): Square beats PGD',
    look: 'At τ = 30 the teacher’s labels are nearly flat (the top class gets about a sixth of the probability, a uniform label a tenth): on this budget the student never leaves chance, so the detector gives no verdict and Square has nothing to beat PGD on. Too hot a τ erases the labels before it can mask anything here; the masking signature shows in the defensive distillation preset.',
    query: `method=ltd&tau=30&lambda=6&${SHARED}`,
  },
  {
    id: 'defensive-distillation',
    name: 'Defensive distillation: looks robust, is masked',
    look: 'Trained at T = 50 and deployed at T = 1, its logits are huge and many input gradients exactly zero: PGD on the accuracy chart looks robust, Square (which never sees a gradient) breaks clearly more digits, AA-lite more still. The detector names the vanishing gradients and says suspected rather than masked: its AA-lite side follows logit margins and is not fooled.',
    query: `method=defensive-distillation&${SHARED}`,
  },
];

/** The preset a link names, or undefined. */
export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

export interface PresetExpansion {
  /** The query to read settings from: the preset's, with every parameter the address gives itself on top. */
  query: string;
  /** The preset the address named, if it exists. */
  preset: Preset | null;
  /** Why a named preset was refused (an unknown id), naming the parameter and the choices. */
  issue: string | null;
}

/**
 * Expand `?preset=<id>` in an address's query. Parameters written beside it override the
 * preset's (`?preset=ltd-paper&epochs=1` is the preset with one epoch); `preset` itself is
 * dropped, so the result holds only settings. Without a preset the query comes back unchanged.
 */
export function expandPresetQuery(search: string): PresetExpansion {
  const given = new URLSearchParams(search);
  const id = given.get('preset');
  if (id === null) return { query: given.toString(), preset: null, issue: null };
  given.delete('preset');
  const preset = presetById(id) ?? null;
  if (!preset) {
    const issue = `Preset (preset) "${id}" is unknown: use one of ${PRESETS.map((p) => p.id).join(', ')}`;
    return { query: given.toString(), preset: null, issue };
  }
  const merged = new URLSearchParams(preset.query);
  // The first of a repeated parameter counts, as configFromQuery reads it.
  const overridden = new Set<string>();
  for (const [key, value] of given) {
    if (!overridden.has(key)) merged.set(key, value);
    overridden.add(key);
  }
  return { query: merged.toString(), preset, issue: null };
}
