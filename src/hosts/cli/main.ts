/**
 * `ltd-playground <command>`: the page's experiments from a terminal, on the same engine session
 * (src/engine/run/session.ts). Exit codes: 0 done, 1 the command failed (a run's error, a refused
 * file), 2 a usage mistake (one line naming the flag and what it allows).
 */
import { DATASET_INFO, type DatasetId } from '../../shared/config';
import { folderSources } from '../node/local-folder';
import { EngineSession } from '../../engine/run/session';
import { registerNodeFashion } from '../node/fashion-pack';
import { prepareNodeBackend } from '../node/backend';
import { registerNodeMnist } from '../node/mnist';
import { readTorchSource } from '../node/torch-source';
import { type CliArgs, parseCliArgs, UsageError, usage } from './args';
import { type CliIo, type CommandContext, CommandError, print } from './context';
import { detect, evaluate } from './commands/examine';
import { sweep } from './commands/sweep';
import { train } from './commands/train';
import { progressBar } from './progress';
import { torchScriptCommand } from './commands/export-torch';
import { presets } from './commands/presets';
import { teacherConfidence } from './commands/teacher-confidence';
import { errorText } from '../../shared/error-text';
import { corpus } from './commands/corpus';

const COMMAND_RUNS = { train, sweep, detect, evaluate, 'export-torch': torchScriptCommand, presets, 'teacher-confidence': teacherConfidence, corpus } as const;

const FILES_NEEDED: Partial<Record<DatasetId, string>> = {
  'fashion-mnist': 'the four *-idx?-ubyte[.gz] files',
  cifar10: 'data_batch_*.bin and test_batch.bin, or the .tar.gz',
  csv: 'a folder holding one .csv of x,y,label rows',
};

/**
 * The data set's files from --data-dir: needed for CIFAR-10 and own CSV data; for Fashion-MNIST
 * they replace the embedded 12 000 + 2 000 subset with the whole 70 000 (e.g. Debian's folder).
 */
async function loadFiles(args: CliArgs, session: EngineSession, io: CliIo): Promise<void> {
  const dataset = args.config.dataset;
  const dir = args.dataDir;
  if (dir === null) {
    if (DATASET_INFO[dataset].needsFiles) throw new UsageError(`--data-dir: ${dataset} needs its data files (${FILES_NEEDED[dataset]})`);
    return;
  }
  const status = await session.loadDataFiles(dataset, await folderSources(dir));
  print(io.stderr, `loaded ${dir}: ${status.description}`);
}

export async function run(argv: string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    print(io.stderr, `ltd-playground: ${error.message}`);
    return 2;
  }
  if (args.help) {
    print(io.stdout, usage());
    return 0;
  }
  const session = new EngineSession({ torchSource: readTorchSource });
  try {
    if (args.command !== 'export-torch') {
      const missing = await prepareNodeBackend(args.backend);
      if (missing) throw new CommandError(`--backend ${args.backend}: ${missing}`);
      const backend = await session.init(args.backend);
      if (backend.name !== args.backend) throw new CommandError(`--backend ${args.backend}: not available (${backend.reason || 'no reason given'}); the engine would run on ${backend.name}`);
      print(io.stderr, `backend: ${backend.name}${backend.reason ? ` — ${backend.reason}` : ''}`);
      if (backend.software) {
        print(io.stderr, `note: this ${backend.name} device is software (a CPU behind the GPU API): compiling its shaders takes minutes and --backend wasm runs faster here`);
      }
      registerNodeMnist();
      registerNodeFashion();
      await loadFiles(args, session, io);
    }
    const ctx: CommandContext = { args, session, io, bar: progressBar(io.stderr) };
    await COMMAND_RUNS[args.command](ctx);
    return 0;
  } catch (error) {
    const message = errorText(error);
    print(io.stderr, `ltd-playground: ${message}`);
    return error instanceof UsageError ? 2 : 1;
  } finally {
    session.dispose();
  }
}
