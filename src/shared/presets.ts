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
   * The settings as the page's URL query: config fields (src/engine/config.ts) and the
   * detector's `detector…` parameters (src/state/detector.ts), over the defaults of the data
   * set and method it names.
   */
  query: string;
}

/**
 * MNIST's embedded digits, a narrow CNN and small budgets. ε = 0.1: at MNIST's usual 0.3 so short
 * a run leaves TRADES and LTD near chance (measured, scripts/closing-table.ts). The per-epoch chart
 * uses APGD-CE (cheap, stronger than PGD on flat logits); the detector AA-lite's quick budget on
 * the first 100 test points, with Square at 1000 queries.
 */
const SHARED = [
  'dataset=mnist',
  'trainSize=1000',
  'testSize=200',
  'epochs=4',
  'teacherEpochs=4',
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
    look: 'Natural accuracy is high and AA-lite and Square both break almost every digit: the detector calls it clean, because nothing hides the gradients.',
    query: `method=natural&${SHARED}`,
  },
  {
    id: 'trades',
    name: 'TRADES baseline',
    look: 'Some natural accuracy is traded for robustness that both AA-lite and Square confirm: the reference the LTD presets compare with.',
    query: `method=trades&lambda=6&${SHARED}`,
  },
  {
    id: 'ltd-paper',
    name: 'LTD, paper default (τ = 5, λ = 6)',
    look: 'Soft labels at τ = 5 replace the one-hot labels: compare natural and AA-lite accuracy with TRADES; the detector stays clean.',
    query: `method=ltd&tau=5&lambda=6&${SHARED}`,
  },
  {
    id: 'ltd-hot',
    name: 'LTD too hot (τ = 30): Square beats PGD',
    look: 'At τ = 30 the teacher’s labels are nearly flat: watch Square break points the gradient attacks miss.',
    query: `method=ltd&tau=30&lambda=6&${SHARED}`,
  },
  {
    id: 'defensive-distillation',
    name: 'Defensive distillation: looks robust, is masked',
    look: 'Trained at T = 50 and deployed at T = 1, its input gradients vanish: PGD looks robust while Square and the detector show it is masked.',
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
