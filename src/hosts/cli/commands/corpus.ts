/**
 * `corpus [id,id]`: the detector's calibration table. Builds each model of the calibration corpus
 * (src/shared/corpus.ts; trained on blobs at test size, the masks wrapped around the natural one)
 * and runs the detector on it at the corpus's settings, as the corpus tests do. One Markdown row
 * per model: natural, the chart's PGD, APGD-CE, AA-lite, Square, the gap, every check, the verdict.
 *
 *   npx ltd-playground corpus                       # every model, about two minutes on a loaded 2-core machine
 *   npx ltd-playground corpus logits-x1000,natural
 */
import { CORPUS, CORPUS_IDS, type CorpusId } from '../../../shared/corpus';
import { Corpus } from '../../../engine/run/corpus';
import { calibrationRow, detectCorpusModel } from '../../../engine/run/corpus-calibration';
import { UsageError } from '../args';
import { type CommandContext, print } from '../context';

/** The checks' column names, in the report's order (6 warning signs, then the 6 attack-failure indicators). */
const COLUMNS = [
  ['square-vs-white-box', '1 Sq>WB'], ['fgsm-vs-white-box', '2 FGSM'], ['epsilon-growth', '3 ε'], ['unbounded', '4 unb.'],
  ['noise-vs-white-box', '5 noise'], ['vanishing-gradients', '6 ∇=0'], ['chart-vs-aa-lite', '7 chart>AA'], ['not-converged', '8 conv.'],
  ['silent-success', '9 silent'], ['transfer', '10 transfer'], ['randomised-outputs', '11 random'], ['non-finite-gradients', '12 ∇ NaN'],
] as const;

export function corpusIds(named: string[] | null): CorpusId[] {
  const ids = named ?? [...CORPUS_IDS];
  const unknown = ids.find((id) => !(CORPUS_IDS as readonly string[]).includes(id));
  if (unknown !== undefined) throw new UsageError(`corpus ${unknown}: not a corpus model (${CORPUS_IDS.join(', ')})`);
  return ids as CorpusId[];
}

export async function corpus({ args, io }: CommandContext): Promise<void> {
  const ids = corpusIds(args.presets);
  const out = (line: string) => print(io.stdout, line);
  const mark = (outcome: string) => (outcome === 'pass' ? '·' : outcome === 'FAIL' ? 'F' : 'F!');
  out('| model | expected | verdict | natural | chart PGD | APGD-CE | AA-lite | Square | gap | ' + COLUMNS.map(([, name]) => name).join(' | ') + ' | s |');
  out('|' + '---|'.repeat(10 + COLUMNS.length));
  const built = new Corpus();
  try {
    for (const id of ids) {
      const started = performance.now();
      print(io.stderr, `${id}: building and judging`);
      const model = await built.model(id);
      const report = await detectCorpusModel(model);
      const row = calibrationRow(model, report);
      const verdict = row.reason ? `${row.verdict} (${row.reason})` : row.verdict;
      const cells = [
        CORPUS[id].label, row.expected, row.verdict === row.expected ? verdict : `**${verdict}**`,
        ...[row.natural, row.chart, row.apgdCe, row.aaLite, row.square, row.gap].map((v) => v.toFixed(0)),
        ...COLUMNS.map(([check]) => mark(row.checks[check])),
        ((performance.now() - started) / 1000).toFixed(0),
      ];
      out(`| ${cells.join(' | ')} |`);
    }
  } finally {
    built.dispose();
  }
  out('\n· pass, F a failed check, F! a failed strong check (masked on its own). Robust accuracies in percent of the first 100 test points, ε = 0.1; gap = chart − AA-lite, points.');
}
