/**
 * Own 2-D data through the session, as the page uses it: load a CSV, preview its points, train
 * on it; a bad file rejects naming its lines and the loaded set stays.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { type Config, DEFAULT_CONFIG, datasetDefaults } from '../../shared/config';
import type { EngineEvent, EventOf } from '../../shared/events';
import { EngineSession } from './session';

const CONFIG: Config = {
  ...DEFAULT_CONFIG, ...datasetDefaults('csv'), dataset: 'csv', method: 'natural', epochs: 1, trainSize: 64, testSize: 32,
  evalSubset: 16, batchSize: 32, hiddenUnits: 8, evalPgdSteps: 2,
};

/** Two well separated clusters, 50 rows each, in the file's own units (x in [100, 300], y in [-1, 1]). */
const csv = 'x,y,label\n' + Array.from({ length: 100 }, (_, i) => `${i % 2 ? 280 + (i % 20) : 100 + (i % 20)},${((i % 7) - 3) / 3},${i % 2}`).join('\n');
const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

describe('own 2-D data in the engine session', () => {
  it('loads, previews and trains on a CSV; a bad file rejects naming its lines and the set stays', async () => {
    const before = tf.memory().numTensors;
    const session = new EngineSession();
    await session.init('cpu');
    expect(await session.preview(CONFIG)).toMatchObject({ needsFiles: true, trainSize: 0 });
    expect(await session.dataStatus('csv')).toBeNull();

    const status = await session.loadDataFiles('csv', [file('clusters.csv', csv)]);
    expect(status).toMatchObject({ dataset: 'csv', trainSize: 80, testSize: 20, inputShape: [2] });
    expect(status.description).toBe(
      'Own 2-D data (CSV): clusters.csv: 100 rows (80 training + 20 test), 2 classes (rows per label 0: 50, 1: 50); ' +
        'x from 100 to 299, y from -1 to 1 scaled to [0, 1]; header line skipped',
    );
    const preview = await session.preview(CONFIG);
    expect(preview).toMatchObject({ numClasses: 2, trainSize: 64, testSize: 20 });
    expect(preview.points).toHaveLength(128);
    expect(preview.points!.every((v) => v >= 0 && v <= 1)).toBe(true);

    await expect(session.loadDataFiles('csv', [file('broken.csv', csv + '\n1,2\n3,x,1')])).rejects.toThrow(
      'broken.csv: 2 bad rows: line 102: 2 fields, expected 3 (x, y, label); line 103: y "x" is not a number',
    );
    expect((await session.dataStatus('csv'))?.description).toContain('clusters.csv');

    const events: EngineEvent[] = [];
    await session.train(CONFIG, 1, (e) => void events.push(e));
    const epochs = events.filter((e): e is EventOf<'epoch'> => e.type === 'epoch');
    expect(epochs).toHaveLength(1);
    // The decision regions are drawn as for blobs; no oracle, so no discrepancy G(Z).
    expect(epochs[0].grid?.classes.length).toBe(epochs[0].grid!.size ** 2);
    expect(epochs[0].discrepancy).toBeUndefined();
    expect(events.at(-1)).toMatchObject({ type: 'done', reason: 'completed' });
    await expect(session.torchScript(CONFIG)).rejects.toThrow(/not available for own 2-D data/);

    session.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
