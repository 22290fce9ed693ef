import { klDivergence, softmax } from '../../shared/softmax';
import type { SoftLabelPoint } from '../../hosts/worker/api';
import { LabelBars } from './LabelBars';
import { formatFixed } from '../../shared/format';

const nats = (v: number) => formatFixed(v, 3);

interface SoftLabelCardProps {
  point: SoftLabelPoint;
  /** The τ slider's current value: the teacher's labels are softmax(q/τ) at it. */
  tau: number;
  classNames: string[];
}

/** One test point: its one-hot label, the teacher's soft label at τ and, on blobs, the oracle. */
export function SoftLabelCard({ point, tau, classNames }: SoftLabelCardProps) {
  const k = point.teacherLogits.length;
  const oneHot = Array.from({ length: k }, (_, c) => (c === point.label ? 1 : 0));
  const soft = softmax(point.teacherLogits, tau);
  const where = point.input ? ` at (${formatFixed(point.input[0], 2)}, ${formatFixed(point.input[1], 2)})` : '';
  return (
    <li className="soft-point">
      <p className="soft-point-head">
        Test point {point.index}
        {where}, label {classNames[point.label] ?? point.label};{' '}
        {point.nearBoundary ? 'near' : 'far from'} the teacher’s boundary (margin {formatFixed(point.margin, 2)})
      </p>
      <LabelBars name="One-hot label" probs={oneHot} classNames={classNames} />
      <LabelBars name={`Teacher, τ = ${tau}`} probs={soft} classNames={classNames} />
      {point.oracle && <LabelBars name="Oracle p(c | x)" probs={point.oracle} classNames={classNames} />}
      {point.oracle && (
        <p className="soft-point-kl">
          KL(oracle ‖ label): one-hot {nats(klDivergence(point.oracle, oneHot))}, teacher at τ = {tau}{' '}
          {nats(klDivergence(point.oracle, soft))}
        </p>
      )}
    </li>
  );
}
