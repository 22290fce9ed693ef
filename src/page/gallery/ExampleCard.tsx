import type { AdversarialExample } from '../../hosts/worker/api';
import { PixelCanvas } from './PixelCanvas';
import { unitToByte } from './pixels';
import { formatPercent } from '../../shared/format';

export const OUTCOME_MARK: Record<AdversarialExample['outcome'], string> = {
  broken: '✗ broken',
  held: '✓ held',
  misclassified: 'wrong when clean',
};

export const percent = (p: number) => formatPercent(100 * p, { decimals: 0 });

interface Props {
  example: AdversarialExample;
  shape: number[];
  classNames: string[];
  /** Draws a perturbation value, amplified by the gallery's gain. */
  perturbationByte: (delta: number) => number;
}

/** One image example: clean | perturbation (amplified) | adversarial, with the model's verdicts. */
export function ExampleCard({ example, shape, classNames, perturbationByte }: Props) {
  const name = (c: number) => classNames[c] ?? String(c);
  const { cleanPrediction: before, adversarialPrediction: after, outcome } = example;
  const verdict = `${name(before.label)} → ${name(after.label)} (${percent(after.confidence)})`;
  const aim = example.target === undefined ? null : `targeted → ${name(example.target)}: ${example.reachedTarget ? 'target reached' : 'target missed'}`;
  return (
    <li className={`example example-${outcome}`} aria-label={`Test point ${example.index}: ${verdict}, ${OUTCOME_MARK[outcome]}${aim ? `, ${aim}` : ''}`}>
      <div className="example-images">
        <PixelCanvas values={example.clean} shape={shape} toByte={unitToByte} scale={3} label={`Clean input, true class ${name(example.label)}`} />
        <PixelCanvas values={example.perturbation} shape={shape} toByte={perturbationByte} scale={3} label="Perturbation, amplified" />
        <PixelCanvas values={example.adversarial} shape={shape} toByte={unitToByte} scale={3} label="Adversarial input" />
      </div>
      <p className="example-verdict">
        <span className="example-mark">{OUTCOME_MARK[outcome]}</span> {verdict}
      </p>
      {aim && <p className="example-target">{example.reachedTarget ? '◎' : '○'} {aim}</p>}
      <p className="example-detail">
        true {name(example.label)}; clean {percent(before.confidence)} sure
        {example.queries !== undefined ? `; ${example.queries} queries` : ''}
      </p>
    </li>
  );
}
