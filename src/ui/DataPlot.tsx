import { useEffect, useRef } from 'react';
import { useRun } from '../state/run';
import { useThrottled } from './use-throttled';

const PALETTE: Array<[number, number, number]> = [
  [29, 53, 87], [231, 111, 81], [42, 157, 143], [141, 95, 211], [233, 196, 106], [108, 117, 125],
];
const SIZE = 320;

/** Training points of a 2-D data set, over the student's latest decision regions. */
export function DataPlot() {
  const preview = useRun((s) => s.preview);
  // The decision regions arrive every epoch; repaint a few times a second at most.
  const grid = useThrottled(useRun((s) => s.grid));
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx || !preview?.points || !preview.labels) return;
    ctx.clearRect(0, 0, SIZE, SIZE);
    if (grid) {
      // One pixel per grid cell, scaled up without smoothing: crisp regions, no seams.
      const cells = new ImageData(grid.size, grid.size);
      grid.classes.forEach((c, i) => {
        const [r, g, b] = PALETTE[c % PALETTE.length];
        cells.data.set([r, g, b, 46], 4 * i);
      });
      const small = new OffscreenCanvas(grid.size, grid.size);
      small.getContext('2d')!.putImageData(cells, 0, 0);
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(small, 0, 0, SIZE, SIZE);
    }
    const { points, labels } = preview;
    for (let i = 0; i < labels.length; i++) {
      const [r, g, b] = PALETTE[labels[i] % PALETTE.length];
      ctx.fillStyle = `rgb(${r},${g},${b})`;
      ctx.beginPath();
      ctx.arc(points[2 * i] * SIZE, (1 - points[2 * i + 1]) * SIZE, 2.2, 0, 2 * Math.PI);
      ctx.fill();
    }
  }, [preview, grid]);

  if (!preview) return null;
  if (!preview.points) return null;
  return (
    <figure className="panel data-plot" aria-label="Data plot">
      <figcaption>
        <h2>Data</h2>
        <p className="caption">
          {preview.trainSize} training points, {preview.numClasses} classes, in [0, 1]²
          {grid ? '; shading: the student’s decision regions after the latest epoch.' : '.'}
        </p>
      </figcaption>
      <canvas ref={canvas} width={SIZE} height={SIZE} role="img" aria-label="Scatter plot of the training data" />
    </figure>
  );
}
