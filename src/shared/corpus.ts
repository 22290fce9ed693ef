/**
 * The detector's calibration corpus in words: models whose verdict is known before the detector
 * runs — honest ones (clean), masked ones (masked, for stated reasons), broken ones (no verdict).
 * The engine builds them (engine/run/corpus.ts); the page offers each as a demo ("Try the detector
 * on a known model"), the tests and `npx ltd-playground corpus` judge every one. No tfjs.
 */
export const CORPUS_IDS = [
  'natural', 'pgd-at', 'trades', 'ltd',
  'defensive-distillation', 'logits-x1000', 'binarised-input', 'gradient-stop',
  'random-init', 'constant',
] as const;
export type CorpusId = (typeof CORPUS_IDS)[number];

export interface CorpusEntry {
  id: CorpusId;
  /** What the demo control lists. */
  label: string;
  group: 'honest' | 'masked' | 'broken';
  /** The verdict a sound detector gives it (the detector's own words: engine/eval/checks.ts's Verdict). */
  expected: 'clean' | 'masked' | 'no verdict';
  /** What it is and why its verdict is what it is, in one or two sentences. */
  what: string;
}

export const CORPUS: Record<CorpusId, CorpusEntry> = {
  natural: {
    id: 'natural', label: 'Natural training', group: 'honest', expected: 'clean',
    what: 'An MLP trained on clean points only: not robust, but nothing hides its gradients, so every attack agrees.',
  },
  'pgd-at': {
    id: 'pgd-at', label: 'PGD-AT (Madry)', group: 'honest', expected: 'clean',
    what: 'Adversarial training on PGD examples: robust for real, and the strong attacks confirm what PGD says.',
  },
  trades: {
    id: 'trades', label: 'TRADES', group: 'honest', expected: 'clean',
    what: 'TRADES (λ = 6): the clean and the adversarial prediction are pulled together; honest robustness.',
  },
  ltd: {
    id: 'ltd', label: 'LTD, τ = 5', group: 'honest', expected: 'clean',
    what: 'LTD at τ = 5: soft labels of a natural teacher, the student at temperature 1, so its logits keep their scale.',
  },
  'defensive-distillation': {
    id: 'defensive-distillation', label: 'Defensive distillation, T = 50', group: 'masked', expected: 'masked',
    what: 'Teacher and student trained at T = 50 and deployed at T = 1: logits ~100× too large, a saturated softmax, zero cross-entropy gradients.',
  },
  'logits-x1000': {
    id: 'logits-x1000', label: 'Natural model, logits × 1000', group: 'masked', expected: 'masked',
    what: 'The natural model with its logits multiplied by 1000 after training: the same decisions, a float32 softmax saturated to 0 and 1.',
  },
  'binarised-input': {
    id: 'binarised-input', label: 'Binarised input (steep sigmoid) + natural model', group: 'masked', expected: 'masked',
    what: 'Each coordinate snapped to 0.25 or 0.75 by a steep sigmoid before the natural model: the gradient is 0 almost everywhere, yet Square moves points across 0.5.',
  },
  'gradient-stop': {
    id: 'gradient-stop', label: 'Gradient-stopping layer + natural model', group: 'masked', expected: 'masked',
    what: 'An identity layer whose backward pass returns 0 in front of the natural model: the same outputs, no gradient at all.',
  },
  'random-init': {
    id: 'random-init', label: 'Random initialisation (untrained)', group: 'broken', expected: 'no verdict',
    what: 'The MLP as initialised, never trained: there is no accuracy for gradients to mask.',
  },
  constant: {
    id: 'constant', label: 'Constant classifier', group: 'broken', expected: 'no verdict',
    what: 'Predicts class 0 for every input: attacks on it measure nothing.',
  },
};
