/**
 * For tests only (the PyTorch export's integration tests beside it): find Debian's Python with
 * PyTorch, write an exported script, run it alone or under torchrun. No production code imports it.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Config } from '../../shared/config';
import { torchScript } from '../../engine/export/torch-script';
import { readTorchSource } from './torch-source';
import { errorText } from '../../shared/error-text';

/** Debian's interpreter (python3-torch installs there; the python3 on PATH may lack torch). */
export const SYSTEM_PYTHON = '/usr/bin/python3';
export const SYSTEM_TORCHRUN = '/usr/bin/torchrun';

/** Why PyTorch cannot be used here, or null when `/usr/bin/python3 -c 'import torch'` works. */
export function torchUnavailable(): string | null {
  if (!existsSync(SYSTEM_PYTHON)) return `${SYSTEM_PYTHON} does not exist`;
  try {
    execFileSync(SYSTEM_PYTHON, ['-c', 'import torch'], { stdio: 'pipe', timeout: 60_000 });
    return existsSync(SYSTEM_TORCHRUN) ? null : `${SYSTEM_TORCHRUN} does not exist`;
  } catch (error) {
    return `${SYSTEM_PYTHON} cannot import torch (${errorText(error).split('\n')[0]}): apt-get install python3-torch`;
  }
}

/** Run a command; resolves with its output, rejects with the command, exit code and output's tail. */
export function run(command: string, args: string[], options: { cwd: string; timeoutMs: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd: options.cwd, timeout: options.timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed (${error.message.split('\n')[0]}):\n${(stdout + stderr).slice(-4000)}`));
      else resolve(stdout + stderr);
    });
  });
}

/** A TCP port free right now on localhost (for torchrun's rendezvous). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * torchrun's arguments for N processes on this machine. `--redirects 1 --tee 1`: Debian's torchrun
 * (PyTorch 1.13 on Python 3.11) fails parsing its own default `--redirects 0` (Python 3.11's
 * IntFlag no longer lists the zero member), so stdout is tee'd instead; `--monitor_interval 1`
 * notices the end of the workers within a second rather than five.
 */
export async function torchrunArgs(processes: number): Promise<string[]> {
  return [
    '--redirects', '1', '--tee', '1', '--monitor_interval', '1',
    '--nnodes', '1', '--nproc_per_node', String(processes), '--master_addr', '127.0.0.1', '--master_port', String(await freePort()),
  ];
}

/** Write the exported script for `config` to `path`, as the page's button would download it. */
export async function writeTorchScript(path: string, config: Config): Promise<void> {
  writeFileSync(path, torchScript(await readTorchSource(), config));
}

/** Fail under CI, which installs PyTorch, else warn loudly that `what` is skipped; returns why PyTorch is missing, or null. */
export function requireTorch(what: string): string | null {
  const missing = torchUnavailable();
  if (missing && process.env.CI) throw new Error(`CI must run ${what}: ${missing}`);
  if (missing) console.warn(`\n*** SKIPPING ${what}: ${missing} ***\n`);
  return missing;
}
