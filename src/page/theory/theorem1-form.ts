/**
 * The Theorem 1 calculator's form (paper Appendix C, condition (12); Chen & Lee, arXiv 2111.02331):
 * what a person typed, turned into the two soft labels and the oracle's y₂ᵖ, then into
 * theorem1's result and one plain sentence. Pure, so the page and its tests read the same words.
 */
import { type Theorem1Result, binarySoftLabel, theorem1 } from '../../shared/theory';
import { formatDecimal, formatSignificant } from '../../shared/format';

/** Enter the two soft labels directly, or the teacher's logits and two temperatures (paper Eq. 4). */
export type Theorem1Mode = 'labels' | 'logits';

/** The fields as typed (strings, so a half-typed number stays in its box). */
export interface Theorem1Form {
  mode: Theorem1Mode;
  /** p₂: the cold label's class-2 mass (class 1 is the teacher's prediction). */
  coldMinor: string;
  /** q₂: the hot label's class-2 mass. */
  hotMinor: string;
  /** z₁, z₂: the teacher's logits, z₁ ≥ z₂. */
  logit1: string;
  logit2: string;
  /** t₁ < t₂: the two temperatures. */
  t1: string;
  t2: string;
  /** y₂ᵖ: the oracle's class-2 probability. */
  oracleMinor: string;
}

export type Theorem1Field = Exclude<keyof Theorem1Form, 'mode'>;

/** What each field is called on screen (its label, and the name in its error). */
export const FIELD_LABELS: Record<Theorem1Field, string> = {
  coldMinor: 'Cold label p₂',
  hotMinor: 'Hot label q₂',
  logit1: 'Logit z₁',
  logit2: 'Logit z₂',
  t1: 'Cold temperature t₁',
  t2: 'Hot temperature t₂',
  oracleMinor: 'Oracle y₂ᵖ',
};

/**
 * The paper's first worked example: (0.999, 0.001) vs (0.99, 0.01), right side ≈ 254, holds for
 * y₂ᵖ > 0.004. In logits: (ln 999 ≈ 6.9068, 0) at t₁ = 1 and t₂ = ln 999 / ln 99 ≈ 1.5031 give the
 * same labels to four digits.
 */
export const EXAMPLE_1: Theorem1Form = {
  mode: 'labels', coldMinor: '0.001', hotMinor: '0.01', logit1: '6.9068', logit2: '0', t1: '1', t2: '1.5031', oracleMinor: '0.01',
};

/** The second example as quoted: (0.80, 0.20) vs (0.75, 0.25), "≈ 3.88, needs y₂ᵖ > 0.23". */
export const EXAMPLE_2: Theorem1Form = { ...EXAMPLE_1, coldMinor: '0.2', hotMinor: '0.25', oracleMinor: '0.3' };

/** The quoted figures of example 2, to set beside the exact ones (theorem1.ts explains the gap). */
export const EXAMPLE_2_QUOTED = { rhs: 3.88, threshold: 0.23 };

export type Theorem1Outcome =
  | { ok: true; cold: [number, number]; hot: [number, number]; oracleMinor: number; result: Theorem1Result }
  | { ok: false; field: Theorem1Field | null; message: string };

function parse(form: Theorem1Form, field: Theorem1Field): number | string {
  const text = form[field].trim();
  const value = Number(text);
  return text === '' || !Number.isFinite(value) ? `${FIELD_LABELS[field]} must be a number, got “${form[field]}”` : value;
}

/**
 * The labels and the result for what was typed, or the first problem, naming its field.
 *
 * @param form  the fields as typed; `mode` says which of them are read
 */
export function evaluateTheorem1Form(form: Theorem1Form): Theorem1Outcome {
  const fields: Theorem1Field[] = form.mode === 'labels' ? ['coldMinor', 'hotMinor', 'oracleMinor'] : ['logit1', 'logit2', 't1', 't2', 'oracleMinor'];
  const values: Partial<Record<Theorem1Field, number>> = {};
  for (const field of fields) {
    const value = parse(form, field);
    if (typeof value === 'string') return { ok: false, field, message: value };
    values[field] = value;
  }
  const v = values as Record<Theorem1Field, number>;
  try {
    if (form.mode === 'logits') {
      if (!(v.t1 > 0 && v.t2 > v.t1)) return { ok: false, field: 't2', message: `Need 0 < t₁ < t₂, got t₁ = ${v.t1}, t₂ = ${v.t2}` };
      if (v.logit1 < v.logit2) return { ok: false, field: 'logit1', message: `Class 1 is the teacher’s prediction: need z₁ ≥ z₂, got z₁ = ${v.logit1}, z₂ = ${v.logit2}` };
    } else {
      if (!(v.coldMinor >= 0 && v.coldMinor <= 0.5)) return { ok: false, field: 'coldMinor', message: `${FIELD_LABELS.coldMinor} must be in [0, 0.5] (class 1 is the prediction), got ${v.coldMinor}` };
      if (!(v.hotMinor > v.coldMinor && v.hotMinor <= 0.5)) return { ok: false, field: 'hotMinor', message: `${FIELD_LABELS.hotMinor} must be above p₂ = ${v.coldMinor} (hotter) and at most 0.5, got ${v.hotMinor}` };
    }
    if (!(v.oracleMinor >= 0 && v.oracleMinor <= 1)) return { ok: false, field: 'oracleMinor', message: `${FIELD_LABELS.oracleMinor} must be in [0, 1], got ${v.oracleMinor}` };
    const cold: [number, number] = form.mode === 'labels' ? [1 - v.coldMinor, v.coldMinor] : binarySoftLabel([v.logit1, v.logit2], v.t1);
    const hot: [number, number] = form.mode === 'labels' ? [1 - v.hotMinor, v.hotMinor] : binarySoftLabel([v.logit1, v.logit2], v.t2);
    return { ok: true, cold, hot, oracleMinor: v.oracleMinor, result: theorem1({ cold, hot, oracleMinor: v.oracleMinor }) };
  } catch (error) {
    // theorem1's own checks (equal logits give two equal labels): its message names the argument.
    if (error instanceof RangeError) return { ok: false, field: null, message: error.message };
    throw error;
  }
}

/** A probability to four significant digits: 0.001 (not 1e-3) down to 1e-4, exponent form below. */
export function formatProbability(p: number): string {
  return p >= 1e-4 ? String(Number(p.toPrecision(4))) : formatSignificant(p, 4);
}

/** A label as "(0.999, 0.001)". */
export function formatLabel(label: readonly [number, number]): string {
  return `(${formatProbability(label[0])}, ${formatProbability(label[1])})`;
}

/** The threshold on y₂ᵖ: four significant digits, and its one-digit rounding where that differs (0.003915 ≈ 0.004). */
export function formatThreshold(threshold: number): string {
  const exact = formatSignificant(threshold, 4);
  const rounded = formatSignificant(threshold, 1);
  return exact === rounded ? exact : `${exact} (≈ ${rounded})`;
}

/** A side of condition (12): four decimals, ∞ as a symbol. */
export const formatSide = (value: number) => formatDecimal(value, 4);

/** One sentence: does the hotter label lower the discrepancy for this oracle, and by how much. */
export function verdictSentence(outcome: Extract<Theorem1Outcome, { ok: true }>): string {
  const { cold, hot, oracleMinor, result } = outcome;
  const at = `At y₂ᵖ = ${formatProbability(oracleMinor)}`;
  const labels = `the hotter label ${formatLabel(hot)} than the colder ${formatLabel(cold)}`;
  const change = Number.isFinite(result.deltaKl) ? ` by ${formatSignificant(Math.abs(result.deltaKl), 3)} nats` : '';
  if (result.holds) return `Yes. ${at} the oracle is closer to ${labels}: heating lowers its term of the discrepancy G (Eq. 7)${change}.`;
  const from = result.threshold < 1 ? ` Heating helps only for y₂ᵖ > ${formatThreshold(result.threshold)}.` : '';
  return `No. ${at} the oracle is farther from ${labels}: heating raises its term of G${change}.${from}`;
}
