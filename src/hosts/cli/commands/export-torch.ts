/** `export-torch`: the page's "Export as PyTorch script" — one self-contained .py for the settings. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type CommandContext, print } from '../context';

export async function torchScriptCommand({ args, session, io }: CommandContext): Promise<void> {
  const { name, text } = await session.torchScript(args.config);
  if (!args.out) {
    io.stdout.write(text);
    return;
  }
  const path = args.out.endsWith('.py') ? args.out : join(args.out, name);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  print(io.stdout, `wrote ${path} (run it with python3 ${path}, or torchrun --nproc_per_node=N ${path})`);
}
