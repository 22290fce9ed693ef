import { useEffect, useMemo, useRef } from 'react';
import { useThrottled } from '../use-throttled';
import { useStore } from '../store';

/** One colour per class, up to the 10 classes own CSV data may have. */
const PALETTE: Array<[number, number, number]> = [
  [29, 53, 87], [231, 111, 81], [42, 157, 143], [141, 95, 211], [233, 196, 106], [108, 117, 125],
  [188, 108, 37], [106, 153, 78], [226, 114, 191], [0, 150, 199],
];
const SIZE = 320;

/**
 * The training points, one path per class (a fill per class, not per point: a thousand fills
 * took a long task on a slow CPU), on a transparent layer the plot stamps over each grid.
 */
function drawPoints(points: Float32Array, labels: Int32Array): OffscreenCanvas | null {
  const layer = new OffscreenCanvas(SIZE, SIZE);
  const ctx = layer.getContext('2d');
  if (!ctx) return null; // no 2-D canvas here (a DOM without drawing, in tests)
  PALETTE.forEach(([r, g, b], colour) => {
    ctx.beginPath();
    for (let i = 0; i < labels.length; i++) {
      if (labels[i] % PALETTE.length !== colour) continue;
      const [x, y] = [points[2 * i] * SIZE, (1 - points[2 * i + 1]) * SIZE];
      ctx.moveTo(x + 2.2, y);
      ctx.arc(x, y, 2.2, 0, 2 * Math.PI);
    }
    ctx.fillStyle = `rgb(${r},${g},${b})`;
    ctx.fill();
  });
  return layer;
}

/** Training points of a 2-D data set, over the student's latest decision regions. */
export function DataPlot() {
  const preview = useStore.use.run.preview();
  // The decision regions arrive every epoch; repaint a few times a second at most.
  const grid = useThrottled(useStore.use.run.grid());
  const canvas = useRef<HTMLCanvasElement>(null);

  // The points change only with the data set; draw them once, then stamp them over each new grid.
  const pointsLayer = useMemo(() => (preview?.points && preview.labels ? drawPoints(preview.points, preview.labels) : null), [preview]);

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx || !pointsLayer) return;
    ctx.clearRect(0, 0, SIZE, SIZE);
    if (grid) {
      // One pixel per grid cell, scaled up without smoothing: crisp regions, no seams.
      const cells = new ImageData(grid.size, grid.size);
      for (let i = 0; i < grid.classes.length; i++) {
        const [r, g, b] = PALETTE[grid.classes[i] % PALETTE.length];
        cells.data[4 * i] = r;
        cells.data[4 * i + 1] = g;
        cells.data[4 * i + 2] = b;
        cells.data[4 * i + 3] = 46;
      }
      const small = new OffscreenCanvas(grid.size, grid.size);
      small.getContext('2d')!.putImageData(cells, 0, 0);
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(small, 0, 0, SIZE, SIZE);
    }
    ctx.drawImage(pointsLayer, 0, 0);
  }, [pointsLayer, grid]);

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
