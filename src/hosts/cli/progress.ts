/**
 * A progress bar with ETA on stderr, so stdout stays the result (a table a person or a pipe reads).
 *
 * On a terminal the bar redraws one line in place; anywhere else (CI logs, a pipe) it prints a
 * plain line when the fraction has moved by a tenth or every `quietSeconds`, never a flood.
 */
import { formatDuration } from '../../shared/format';

export interface ProgressSink {
  /** Fraction of the whole command done (0–1), seconds left if known, and what runs now. */
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

export function progressBar(stream: Stream, { quietSeconds = 10, now = () => performance.now() } = {}): ProgressSink {
  const tty = stream.isTTY === true;
  let shown = '';
  let lastFraction = -1;
  let lastAt = -Infinity;
  const describe = (fraction: number, eta: number | null, label: string) =>
    `${(100 * fraction).toFixed(0).padStart(3)} % ${eta === null ? '' : `· ${formatDuration(eta)} left `}· ${label}`;
  const clear = () => {
    if (tty && shown) stream.write(`\r${' '.repeat(shown.length)}\r`);
    shown = '';
  };
  return {
    update(fraction, etaSeconds, label) {
      const text = describe(Math.min(1, Math.max(0, fraction)), etaSeconds, label);
      if (tty) {
        const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - text.length - 4));
        const filled = Math.round(width * Math.min(1, fraction));
        const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}`.slice(0, (stream.columns ?? 120) - 1);
        clear();
        stream.write(line);
        shown = line;
        return;
      }
      const t = now();
      if (fraction < 1 && fraction - lastFraction < 0.1 - 1e-9 && (t - lastAt) / 1000 < quietSeconds) return;
      lastFraction = fraction;
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
