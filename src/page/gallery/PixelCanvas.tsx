import { useEffect, useRef } from 'react';
import { toRgba } from './pixels';

interface Props {
  /** One image, `h·w·c` values laid out like the data sets. */
  values: ArrayLike<number>;
  /** [h, w, c]. */
  shape: number[];
  /** Maps one value to 0–255. */
  toByte: (v: number) => number;
  /** Screen pixels per image pixel. */
  scale: number;
  /** What the picture shows, for screen readers. */
  label: string;
}

/**
 * An image at its own resolution, scaled up by CSS with `image-rendering: pixelated` so every
 * pixel stays a crisp square (nearest neighbour): a blurred upscale would hide the perturbation.
 */
export function PixelCanvas({ values, shape, toByte, scale, label }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [h, w] = shape;
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(toRgba(values, shape, toByte), w, h), 0, 0);
  }, [values, shape, toByte, w, h]);
  return (
    <canvas ref={canvas} width={w} height={h} className="pixel-canvas" style={{ width: w * scale, height: h * scale }} role="img" aria-label={label} />
  );
}
