/**
 * `presets --verify [id,id]`: runs each preset at its CPU size (or `--size gpu`) in Node, and the
 * presets its claim compares with (TRADES for the LTD presets, the natural model for TRADES) with
 * the seeds the claim needs, first; judges every claim (shared/preset-claims.ts) with the
 * detector's statistics; prints each condition with its numbers and writes the README's presets
 * table between its markers (presets-readme.ts). Exit code 1 when a claim does not hold.
 *
 * The README is written only for the presets as shipped (no settings on top) unless `--readme
 * FILE` names a file, so a tiny trial run cannot overwrite the measured table.
 *
 *   npx ltd-playground presets --verify                         # every preset; writes README.md
 *   npx ltd-playground presets --verify ltd-hot                 # ltd-hot and TRADES (its reference)
 *   npx ltd-playground presets --verify table-4 --values 1,20   # the sweep at two τ only (README untouched)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { claimReferences, claimSeeds, judgeClaim, type Measurement, type RunMeasurement } from '../../../shared/preset-claims';
import { PRESETS, presetById } from '../../../shared/presets';
import { type CommandContext, CommandError, print } from '../context';
import { machineLine, presetConfig, presetIds, runMeasurement, runPreset, runPresetSweep } from '../preset-run';
import { replaceMarkedBlock, verifyBlock, type VerifiedPreset } from '../presets-readme';

/** The project's README, which holds the marked block. */
export const PROJECT_README = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..'), 'README.md');

/** Each preset to run, with the seeds it needs: its own claim's, and those of every claim that compares with it. */
export function verifyPlan(ids: string[]): Array<{ id: string; seeds: number }> {
  const seeds = new Map<string, number>();
  const need = (id: string, n: number) => seeds.set(id, Math.max(seeds.get(id) ?? 0, n));
  for (const id of ids) {
    const claim = presetById(id)!.claim;
    need(id, claimSeeds(claim));
    for (const ref of claimReferences(claim)) need(ref, claimSeeds(claim));
  }
  // In the table's order, which puts every reference before the presets that compare with it.
  return PRESETS.filter((p) => seeds.has(p.id)).map((p) => ({ id: p.id, seeds: seeds.get(p.id)! }));
}

export async function verifyPresets({ args, io }: CommandContext): Promise<void> {
  const log = (line: string) => print(io.stderr, line);
  const out = (line: string) => print(io.stdout, line);
  const ids = presetIds(args.presets);
  const overrides = args.query;
  const machine = machineLine();
  const measured = new Map<string, Measurement>();
  for (const { id, seeds } of verifyPlan(ids)) {
    const preset = presetById(id)!;
    const base = presetConfig(id, args.size, overrides);
    if (preset.runs === 'tau-sweep') {
      const taus = args.values ?? preset.sizes[args.size].taus ?? [];
      log(`${id}: τ sweep over ${taus.join(', ')}`);
      measured.set(id, await runPresetSweep(base.config, base.query, taus, log));
      continue;
    }
    const runs: RunMeasurement[] = [];
    for (let s = 0; s < seeds; s++) {
      const { config, query } = presetConfig(id, args.size, overrides, base.config.seed + s);
      log(`${id}: seed ${config.seed} (${s + 1} of ${seeds})`);
      runs.push(runMeasurement(config, await runPreset(config, query, log, true)));
    }
    measured.set(id, { kind: 'runs', runs });
  }

  const verified: VerifiedPreset[] = ids.map((id) => {
    const preset = presetById(id)!;
    const measurement = measured.get(id)!;
    return { preset, measurement, judgement: judgeClaim(preset.claim, measurement, (ref) => measured.get(ref)) };
  });
  const command = ['npx ltd-playground presets --verify', args.presets?.join(','), args.size === 'cpu' ? '' : `--size ${args.size}`,
    overrides ? `--config '${overrides}'` : ''].filter(Boolean).join(' ');
  const block = verifyBlock({ size: args.size, machine, overrides, date: new Date().toISOString().slice(0, 10), command, verified });
  out(block);

  // Only the presets as shipped, all of them, at the CPU size stand in the README unless a file is named.
  const readme = args.readme ?? (!overrides && args.presets === null && args.size === 'cpu' ? PROJECT_README : null);
  if (readme) {
    const updated = replaceMarkedBlock(readFileSync(readme, 'utf8'), block);
    if (updated === null) throw new CommandError(`--readme ${readme}: no "<!-- presets:verify:start -->" … "<!-- presets:verify:end -->" block to replace`);
    writeFileSync(readme, updated);
    log(`wrote the presets table into ${readme}`);
  } else {
    log('README not written: settings on top of the presets, a subset of them or the GPU size (--readme FILE writes it anyway)');
  }
  const failing = verified.filter((v) => !v.judgement.holds).map((v) => v.preset.id);
  if (failing.length > 0) throw new CommandError(`presets --verify: ${failing.length} of ${verified.length} claims do not hold: ${failing.join(', ')}`);
}
