/**
 * `export-torch`: the page's "Export as PyTorch script" — one self-contained .py for the settings; with
 * `--preset <id>`, an export preset's settings and paper-scale block (src/shared/export-presets.ts).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { architectureName } from '../../../shared/torch-scale';
import { type CommandContext, print } from '../context';

export async function torchScriptCommand({ args, session, io }: CommandContext): Promise<void> {
  const scale = args.exportPreset?.scale;
  const { name, text } = await session.torchScript(args.config, scale);
  if (!args.out) {
    io.stdout.write(text);
    return;
  }
  const path = args.out.endsWith('.py') ? args.out : join(args.out, name);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  const what = args.exportPreset ? ` (${args.exportPreset.name}: ${architectureName(args.exportPreset.scale)}; python3 ${path} --help lists its flags)` : '';
  print(io.stdout, `wrote ${path}${what} (run it with python3 ${path}, or torchrun --nproc_per_node=N ${path})`);
}
