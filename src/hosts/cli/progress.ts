/**
 * A progress bar with ETA on stderr, so stdout stays the result (a table a person or a pipe reads).
 *
 * On a terminal the bar redraws one line in place; anywhere else (CI logs, a pipe, `nohup`) it
 * prints a plain line every `everySeconds` of work (and at each tenth), so a log shows the run is
 * alive without a flood. The ETA is the bar's own, from the recent speed (EtaSmoother): the
 * engine's ETA extrapolates from the start, and on a Fashion-MNIST run that took 57 min it swung
 * from 32 to 22 min, as a fast teacher gave way to a slow adversarial student.
 */
import { formatDuration } from '../../shared/format';

export interface ProgressSink {
  /** Fraction of the whole command done (0–1), the engine's ETA (unused: the bar smooths its own), and what runs now. */
  update(fraction: number, etaSeconds: number | null, label: string): void;
  /** A line that stays (an epoch's result, a sweep point), printed above the bar. */
  note(line: string): void;
  done(): void;
}

export interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/**
 * Seconds left from the recent speed: an exponential moving average of fraction per second with
 * a `timeConstant` of seconds, started from the average so far. It follows a change of speed
 * within about a time constant and does not jump with one slow or fast batch.
 */
export class EtaSmoother {
  private last: { t: number; fraction: number } | null = null;
  private start: number | null = null;
  private rate: number | null = null;

  constructor(private readonly timeConstant = 30) {}

  /** Record `fraction` at `seconds`; the ETA in seconds, or null until one can be told. */
  update(seconds: number, fraction: number): number | null {
    if (this.start === null) this.start = seconds;
    const last = this.last;
    if (last && seconds > last.t && fraction >= last.fraction) {
      const elapsed = seconds - this.start;
      const recent = (fraction - last.fraction) / (seconds - last.t);
      // The first estimate is the average so far; later ones lean towards the recent speed.
      if (this.rate === null) {
        if (fraction > 0.01 && elapsed > 2) this.rate = fraction / elapsed;
      } else {
        this.rate += (1 - Math.exp(-(seconds - last.t) / this.timeConstant)) * (recent - this.rate);
      }
    }
    if (!last || seconds > last.t) this.last = { t: seconds, fraction };
    return this.rate && this.rate > 0 ? Math.max(0, (1 - fraction) / this.rate) : null;
  }
}

export function progressBar(stream: Stream, { everySeconds = 5, now = () => performance.now() } = {}): ProgressSink {
  const tty = stream.isTTY === true;
  const eta = new EtaSmoother();
  let shown = '';
  let lastFraction = -1;
  let lastAt = -Infinity;
  const describe = (fraction: number, seconds: number | null, label: string) =>
    `${(100 * fraction).toFixed(0).padStart(3)} % ${seconds === null ? '' : `· ${formatDuration(seconds)} left `}· ${label}`;
  const clear = () => {
    if (tty && shown) stream.write(`\r${' '.repeat(shown.length)}\r`);
    shown = '';
  };
  return {
    update(fraction, _engineEta, label) {
      const f = Math.min(1, Math.max(0, fraction));
      const t = now();
      const text = describe(f, eta.update(t / 1000, f), label);
      if (tty) {
        const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - text.length - 4));
        const filled = Math.round(width * f);
        const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}`.slice(0, (stream.columns ?? 120) - 1);
        clear();
        stream.write(line);
        shown = line;
        return;
      }
      if (f < 1 && f - lastFraction < 0.1 - 1e-9 && (t - lastAt) / 1000 < everySeconds) return;
      lastFraction = f;
      lastAt = t;
      stream.write(`${text}\n`);
    },
    note(line) {
      clear();
      stream.write(`${line}\n`);
    },
    done() {
      clear();
    },
  };
}
