import { useEffect, useRef } from 'react';
import type { AdversarialGallery } from '../../hosts/worker/api';
import { OUTCOME_MARK, percent } from './ExampleCard';
import { formatFixed } from '../../shared/format';

const SIZE = 240;
const COLOUR = { broken: '#a4261b', held: '#1b6e3a', misclassified: '#8d99ae' } as const;

/** 2-D examples: an arrow from each clean point to its adversarial point, and their coordinates. */
export function PointArrows({ gallery }: { gallery: AdversarialGallery }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const name = (c: number) => gallery.classNames[c] ?? String(c);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, SIZE, SIZE);
    const at = (p: ArrayLike<number>) => [p[0] * SIZE, (1 - p[1]) * SIZE] as const;
    for (const e of gallery.examples) {
      const [x0, y0] = at(e.clean);
      const [x1, y1] = at(e.adversarial);
      ctx.strokeStyle = ctx.fillStyle = COLOUR[e.outcome];
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.arc(x0, y0, 3, 0, 2 * Math.PI);
      ctx.fill();
      ctx.beginPath();
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
      ctx.stroke();
      // Arrow head: two short strokes back from the tip.
      const angle = Math.atan2(y1 - y0, x1 - x0);
      for (const side of [-0.5, 0.5]) {
        ctx.beginPath();
        ctx.moveTo(x1, y1);
        ctx.lineTo(x1 - 6 * Math.cos(angle + side), y1 - 6 * Math.sin(angle + side));
        ctx.stroke();
      }
    }
  }, [gallery]);
  const xy = (p: ArrayLike<number>) => `(${formatFixed(p[0], 3)}, ${formatFixed(p[1], 3)})`;
  return (
    <div className="point-arrows">
      <canvas ref={canvas} width={SIZE} height={SIZE} role="img" aria-label="Arrows from clean to adversarial points" />
      <table aria-label="Adversarial example coordinates">
        <thead>
          <tr><th>point</th><th>clean</th><th>adversarial</th><th>prediction</th><th /></tr>
        </thead>
        <tbody>
          {gallery.examples.map((e) => (
            <tr key={e.index} className={`example-${e.outcome}`}>
              <td>{e.index} ({name(e.label)})</td>
              <td>{xy(e.clean)}</td>
              <td>{xy(e.adversarial)}</td>
              <td>{name(e.cleanPrediction.label)} → {name(e.adversarialPrediction.label)} ({percent(e.adversarialPrediction.confidence)})</td>
              <td className="example-mark">{OUTCOME_MARK[e.outcome]}{e.queries !== undefined ? `, ${e.queries} queries` : ''}
                {e.target !== undefined ? `; targeted → ${name(e.target)}: ${e.reachedTarget ? 'target reached' : 'target missed'}` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
