import { PixelCanvas } from '../gallery/PixelCanvas';
import '../gallery/gallery.css';
import { useStore } from '../store';

const byte = (v: number) => v;

/** The first training images of an image data set with their class names (DataPlot's place for 2-D data). */
export function ImagePreview() {
  const preview = useStore.use.run.preview();
  const samples = preview?.samples;
  if (!preview || !samples || samples.count === 0) return null;
  const size = samples.shape.reduce((a, b) => a * b, 1);
  const [h, w, c] = samples.shape;
  return (
    <figure className="panel image-preview" aria-label="Data samples">
      <figcaption>
        <h2>Data</h2>
        <p className="caption">
          The first {samples.count} of {preview.trainSize} training images ({h}×{w}, {c === 1 ? 'grey' : 'RGB'}), {preview.numClasses} classes.
        </p>
      </figcaption>
      <ul className="sample-grid">
        {Array.from({ length: samples.count }, (_, i) => {
          const name = preview.classNames[samples.labels[i]] ?? String(samples.labels[i]);
          return (
            <li key={i}>
              <PixelCanvas values={samples.pixels.subarray(i * size, (i + 1) * size)} shape={samples.shape} toByte={byte} scale={2} label={`Training image ${i + 1}: ${name}`} />
              <span className="sample-name">{name}</span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
