import { describe, expect, it } from 'vitest';
import { RunRecorder } from '../../shared/run-recorder';
import { DEFAULT_CONFIG } from '../../shared/config';
import { metricsJson } from '../../shared/metrics-export';
import type { TorchResults } from '../../shared/torch-results';
import { historyCsv, historyJson } from './history-export';
import { ImportError, parseRunsFile, whereItRan } from '../../shared/history-import';
import { historyCells } from './history-table';
import { type NewSavedRun, type SavedRun, runFields } from '../../shared/saved-run';
import { detectorFiguresOf, finishedRun } from '../testing/runs';

const fail = (file: string, text: string) => {
  try {
    parseRunsFile(file, text);
  } catch (error) {
    if (error instanceof ImportError) return error.message;
    throw error;
  }
  throw new Error(`${file} was accepted`);
};

/** What an exported PyTorch script writes after a two-GPU torchrun (src/shared/torch-results.ts). */
function torchResults(change: (r: TorchResults) => void = () => {}): TorchResults {
  const { id: _id, ...run } = finishedRun({ liveChanges: [] });
  const results: TorchResults = {
    exported: '2025-01-01T00:00:00Z',
    runs: [{ ...run, id: 1, teacherCached: false, liveChanges: [], outcome: 'completed', robustAttack: { attack: 'PGD', epsilon: 0.05, steps: 10, restarts: 1, subset: 500 } }],
    pytorch: {
      script: 'ltd.py', torch: '2.4.0', python: '3.12.3', device: 'cuda:0', worldSize: 2, backend: 'nccl', random: 'engine', wallSeconds: 12.5,
      trainAttack: { attack: 'PGD', epsilon: 0.05, steps: 10, stepSize: 0.0125, start: 'uniform' },
      autoAttack: { status: 'done', robustAccuracy: 44.2, version: 'standard', torchattacks: '3.5.1', attack: 'AutoAttack', epsilon: 0.05, subset: 500 },
    },
  };
  change(results);
  return results;
}

describe('importing runs', () => {
  it("reads the page's metrics JSON, skipping runs that never finished and saying why", () => {
    const file = metricsJson([
      finishedRun({ id: 1, label: 'kept' }),
      finishedRun({ id: 2, label: 'unfinished', outcome: 'running' }),
      finishedRun({ id: 3, label: 'compared', savedId: 7, outcome: 'stopped' }),
      finishedRun({ id: 4, label: 'broke', outcome: 'failed' }),
    ]);
    const { records, skipped } = parseRunsFile('metrics.json', file, 1000);
    expect(records.map((r) => [r.label, r.outcome])).toEqual([['kept', 'completed'], ['compared', 'stopped']]);
    const { id: _id, ...fields } = finishedRun({ label: 'kept' });
    expect(records[0]).toEqual({
      ...fields, version: 5, savedAt: 1000, detector: null,
      origin: { kind: 'imported', format: 'metrics', file: 'metrics.json', detail: '', autoAttack: null },
    });
    expect(skipped).toEqual(['run 2 (“unfinished”): still training when exported', 'run 4 (“broke”): it failed']);
  });

  it("reads the command line's --out metrics, folded from the engine's events", () => {
    const recorder = new RunRecorder({ ...DEFAULT_CONFIG, epochs: 1 });
    recorder.fold({ type: 'started', runId: 1, teacherCached: false, totalEpochs: 1 });
    recorder.fold({ type: 'epoch', phase: 'student', epoch: 1, natAcc: 81.25, robustAcc: 43.75, loss: 0.7, lr: 0.05, tau: 5, lambda: 6, seconds: 4, robustAttack: { attack: 'PGD', epsilon: 0.05, steps: 10, restarts: 1, subset: 64 } });
    recorder.fold({ type: 'done', reason: 'completed', seconds: 5 });
    const [record] = parseRunsFile('runs/ltd/metrics.json', metricsJson([recorder.record])).records;
    expect(historyCells({ ...record, id: 1 }).whiteBox).toEqual({ text: '43.8%', note: 'PGD-10 ε=0.05 on 64' });
  });

  it("reads an exported PyTorch script's results: where it ran and AutoAttack's figure", () => {
    const [record] = parseRunsFile('ltd-results.json', JSON.stringify(torchResults())).records;
    expect(record.origin).toEqual({
      kind: 'imported', format: 'pytorch', file: 'ltd-results.json', detail: '2 GPUs',
      autoAttack: { robustAccuracy: 44.2, epsilon: 0.05, subset: 500, version: 'standard', attack: 'AutoAttack' },
    });
    expect(historyCells({ ...record, id: 5 }).run.note).toBe('#5 · imported: pytorch, 2 GPUs');
    expect(record.student).toEqual(finishedRun().student);
    const skipped = torchResults((r) => void (r.pytorch.autoAttack = { status: 'skipped', reason: '--no-autoattack' }));
    expect(parseRunsFile('r.json', JSON.stringify(skipped)).records[0].origin).toMatchObject({ autoAttack: null });
    expect([whereItRan({ device: 'cuda:0', worldSize: 1 }), whereItRan({ device: 'cpu', worldSize: 1 }), whereItRan({ device: 'cpu', worldSize: 2 })]).toEqual([
      '1 GPU', 'CPU', 'CPU, 2 processes',
    ]);
  });

  it('reads a paper-scale run beside browser runs: its model card, its architecture and which AutoAttack ran', () => {
    const card = {
      name: 'LTD τ=5 λ=6 ε=0.0314 (PyTorch, WideResNet-34-10)', dataset: 'cifar10', threat_model: 'Linf' as const, eps: '8/255',
      architecture: 'WideResNet-34-10', epochs: 200, additional_data: false as const, number_forward_passes: 1 as const,
      clean_acc: '86.20', autoattack_acc: '55.09', implementation: 'torchattacks 3.5.1, AutoAttack’s standard version built from its attacks',
      footnote: 'AutoAttack on the first 10000 test points',
    };
    const paper = torchResults((r) => {
      r.pytorch.autoAttack = {
        status: 'done', attack: 'AutoAttack', robustAccuracy: 55.09, cleanAccuracy: 86.2, version: 'APGD-CE, APGD-T (9 targets), FAB-T (9 targets), Square (5000 queries); 100 iterations, 1 restart',
        implementation: card.implementation, torchattacks: '3.5.1', epsilon: 8 / 255, subset: 10000,
        attacks: [{ attack: 'APGD', loss: 'ce', steps: 100, restarts: 1, epsilon: 8 / 255, subset: 8620, broken: 2900, robustAccuracy: 57.2, seconds: 900 }],
      };
      r.pytorch.scale = { preset: 'paper-cifar10', architecture: { name: 'WideResNet', depth: 34, widen: 10 }, lrDropEpochs: [100, 150], autoAttackSubset: 10000, mixedPrecision: 'gpu' };
      r.pytorch.modelCard = card;
      r.pytorch.checkpoints = { folder: 'ltd-results-checkpoints', resumed: [{ phase: 'student', epoch: 57, worldSize: 2 }] };
    });
    const [record] = parseRunsFile('paper.json', JSON.stringify(paper)).records;
    expect(record.origin).toMatchObject({ modelCard: card, autoAttack: { robustAccuracy: 55.09, subset: 10000, attack: 'AutoAttack', implementation: card.implementation } });
    const cells = historyCells({ ...record, id: 9 });
    expect(cells.dataset.note).toBe('WideResNet-34-10');
    expect(cells.whiteBox.note).toContain('AutoAttack: 55.1% ε=0.0314 on 10000');
    // The script's own fallback says so: AA-lite, not AutoAttack.
    const own = torchResults((r) => void (r.pytorch.autoAttack = { ...(paper.pytorch.autoAttack as object), attack: 'AA-lite', torchattacks: null } as TorchResults['pytorch']['autoAttack']));
    expect(historyCells({ ...parseRunsFile('own.json', JSON.stringify(own)).records[0], id: 10 }).whiteBox.note).toContain('AA-lite: 55.1%');
    // A card whose accuracy is not RobustBench's two-decimal string is refused by name.
    const bad = torchResults((r) => void (r.pytorch.modelCard = { ...card, clean_acc: '86.2' }));
    expect(fail('bad.json', JSON.stringify(bad))).toMatch(/pytorch\.modelCard\.clean_acc: an accuracy in percent with two decimals/);
  });

  it('fills in settings added since a file was written, as stored records are', () => {
    const { evalAttack: _a, aaBudget: _b, aaQueries: _q, awpWarmup: _w, innerMax: _i, ...older } = DEFAULT_CONFIG;
    const [record] = parseRunsFile('old.json', JSON.stringify({ exported: 'then', runs: [{ ...finishedRun(), config: older }] })).records;
    expect(record.config).toEqual(DEFAULT_CONFIG);
  });

  it('refuses a bad file with one message naming the file, the run and the field', () => {
    expect(fail('notes.txt', 'hello')).toMatch(/^Import runs: notes\.txt: not JSON \(.+\)$/);
    expect(fail('model.json', '{"modelTopology": {}}')).toBe(
      "Import runs: model.json: neither the page's metrics JSON ({ exported, runs: [...] }) nor an exported PyTorch script's results",
    );
    const second = (change: object) => metricsJson([finishedRun(), { ...finishedRun({ label: 'second' }), ...change }]);
    expect(fail('m.json', second({ student: [{ ...finishedRun().student[0], natAcc: 140 }] }))).toBe(
      'Import runs: m.json: run 2 (“second”): student.0.natAcc: Too big: expected number to be <=100',
    );
    expect(fail('m.json', second({ config: { ...DEFAULT_CONFIG, version: 9 } }))).toBe(
      'Import runs: m.json: run 2 (“second”): its settings are config version 9; this version of the playground reads version 1',
    );
    expect(fail('m.json', JSON.stringify({ exported: 'x', runs: [finishedRun(), 'oops'] }))).toBe('Import runs: m.json: run 2: not a run (found string)');
    expect(fail('m.json', metricsJson([finishedRun({ outcome: 'running' })]))).toBe(
      'Import runs: m.json: holds no finished run (run 1 (“LTD τ=5 λ=6 ε=0.05”): still training when exported)',
    );
    expect(fail('m.json', metricsJson([]))).toBe('Import runs: m.json: holds no runs');
  });

  it('refuses a bad PyTorch results file by run and field', () => {
    const bad = torchResults((r) => void (r.runs[0].student[1].natAcc = 140));
    expect(fail('results.json', JSON.stringify(bad))).toBe(
      'Import runs: results.json (PyTorch script results): run 1 (“LTD τ=5 λ=6 ε=0.05”): student.1.natAcc: Too big: expected number to be <=100',
    );
    const noDevice = torchResults((r) => void delete (r.pytorch as Partial<TorchResults['pytorch']>).device);
    expect(fail('results.json', JSON.stringify(noDevice))).toBe(
      'Import runs: results.json (PyTorch script results): pytorch.device: Invalid input: expected string, received undefined',
    );
  });
});

describe('exporting the history', () => {
  const rows: SavedRun[] = [
    { ...finishedRun({ label: 'measured' }), outcome: 'completed', id: 4, version: 5, savedAt: 40, origin: { kind: 'trained' }, detector: detectorFiguresOf({ verdict: 'masked', square: 12.5, whiteBox: 40 }) },
    {
      ...finishedRun({ label: 'from torch' }), outcome: 'stopped', id: 3, version: 5, savedAt: 30, detector: null,
      origin: { kind: 'imported', format: 'pytorch', file: 'a.json', detail: '2 GPUs', autoAttack: null },
    },
  ];
  const asRow = (record: NewSavedRun, i: number): SavedRun => ({ ...record, id: rows[i].id });

  it('imports back to the same rows (JSON): settings, every epoch, the detector’s figures, where a run ran', () => {
    const { records, skipped } = parseRunsFile('run-history.json', historyJson(rows), 99);
    expect(skipped).toEqual([]);
    expect(records.map((r) => runFields({ ...r, id: 0 }))).toEqual(rows.map(runFields));
    expect(records.map((r) => r.detector)).toEqual(rows.map((r) => r.detector));
    const cells = records.map((r, i) => historyCells(asRow(r, i)));
    expect(cells).toEqual(rows.map((r) => historyCells(r)).map((c, i) => (i === 0 ? { ...c, run: { ...c.run, note: '#4 · imported: metrics JSON' } } : c)));
    expect(records[1].origin).toEqual({ ...rows[1].origin, file: 'run-history.json' });
  });

  it('writes one CSV row per run with the attack behind every figure, empty where nothing was measured', () => {
    const [header, measured, torch] = historyCsv(rows).trim().split('\n');
    expect(header).toBe(
      'run,label,saved,source,outcome,dataset,model,method,tau,lambda,epsilon,seed,epochs,natural_accuracy,robust_accuracy,robust_attack,' +
        'square_accuracy,square_attack,detector_white_box_accuracy,detector_white_box_attack,verdict,training_seconds',
    );
    expect(measured).toBe(
      '4,measured,1970-01-01T00:00:00.040Z,trained here,completed,blobs,mlp,ltd,5,6,0.05,1,2,85.25,47.5,"PGD-10, 1 restart, ε = 0.05, 500 test points",' +
        '12.5,"Square, 100 queries, ε = 0.05, 64 test points",40,"AA-lite (quick): APGD-CE 20 it., 1 restart, ε = 0.05, 64 test points",masked,7.5',
    );
    expect(torch).toBe(
      '3,from torch,1970-01-01T00:00:00.030Z,"imported: pytorch, 2 GPUs",stopped,blobs,mlp,ltd,5,6,0.05,1,2,85.25,47.5,"PGD-10, 1 restart, ε = 0.05, 500 test points",,,,,,7.5',
    );
  });
});
