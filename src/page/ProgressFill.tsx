/**
 * The filled part of a progress track. Drawn with `transform: scaleX`, not `width`: a width
 * change lays out and repaints the page around it ten times a second, which the main-thread trace
 * showed as whole-document paints of 15–90 ms on a slow CPU; a transform is moved by the
 * compositor without repainting anything.
 */
export function ProgressFill({ percent }: { percent: number }) {
  const scale = Math.min(1, Math.max(0, percent / 100));
  return <div className="progress-fill" style={{ transform: `scaleX(${scale})` }} />;
}
