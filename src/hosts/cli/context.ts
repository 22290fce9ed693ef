/** What every command is given: its arguments, the engine session, and where to write. */
import type { EngineSession } from '../../engine/run/session';
import type { CliArgs } from './args';
import type { ProgressSink, Stream } from './progress';

export interface CliIo {
  /** Results: tables and paths written. */
  stdout: Stream;
  /** Progress, notes and errors. */
  stderr: Stream;
}

export interface CommandContext {
  args: CliArgs;
  session: EngineSession;
  io: CliIo;
  bar: ProgressSink;
}

/** A command's failure that is not a usage mistake (a failed run, a refused file): exit code 1. */
export class CommandError extends Error {
  override name = 'CommandError';
}

export const print = (stream: Stream, text: string) => stream.write(text.endsWith('\n') ? text : `${text}\n`);
