import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, FIELDS } from './config';
import { PRESETS } from './presets';
import {
  DETECTOR_BUDGET_DEFAULTS, URL_PARAMS, detectorBudgetFromQuery, filterQuery, joinQueries, readAddress, readParams, urlParam, withParam,
} from './url-params';

describe('the URL parameter table', () => {
  it('holds every setting of FIELDS under its own name, with the field itself (nothing copied)', () => {
    for (const key of Object.keys(FIELDS) as (keyof typeof FIELDS)[]) {
      expect(URL_PARAMS[key], key).toMatchObject({ kind: 'setting', group: 'settings', field: FIELDS[key] });
    }
  });

  it('knows every parameter a preset sets', () => {
    for (const preset of PRESETS) {
      for (const key of new URLSearchParams(preset.query).keys()) expect(urlParam(key), `${preset.id}: ${key}`).toBeDefined();
    }
    expect(urlParam('toString')).toBeUndefined(); // an own row, not something every object has
  });

  it('gives every default when the query names none (the detector: subset 200, AA-lite standard, PGD-20 × 3)', () => {
    expect(readParams('tau=2')).toEqual({
      preset: null, presetSize: null, backend: null, present: false,
      detectorSubset: 200, detectorQueries: null, detectorSteps: 20, detectorRestarts: 3, detectorAttack: 'aa-lite', detectorBudget: 'standard', detectorRobustnessCurve: false, detectorMultiples: null,
      sweepQueries: 1000, galleryCount: 8, galleryQueries: 500, galleryTarget: null, fashion: null, steps: false, backends: false, backendSteps: 1, squarePoints: 16, only: null,
    });
    expect(DETECTOR_BUDGET_DEFAULTS).toEqual({ subset: 200, queries: null, pgdSteps: 20, restarts: 3, attack: 'aa-lite', aaBudget: 'standard' });
  });

  it('turns the robustness curve on only when asked (detectorRobustnessCurve=1 or bare)', () => {
    expect(readParams('detectorRobustnessCurve=1').detectorRobustnessCurve).toBe(true);
    expect(readParams('detectorRobustnessCurve').detectorRobustnessCurve).toBe(true);
    expect(readParams('detectorSubset=8').detectorRobustnessCurve).toBe(false);
  });

  it('reads every detector budget parameter', () => {
    expect(detectorBudgetFromQuery('detectorSubset=32&detectorQueries=10&detectorSteps=2&detectorRestarts=1&detectorAttack=pgd&detectorBudget=quick')).toEqual({
      subset: 32, queries: 10, pgdSteps: 2, restarts: 1, attack: 'pgd', aaBudget: 'quick',
    });
  });

  it('keeps the default for a count that is not positive or a choice that is not an option, and rounds a count', () => {
    const budget = detectorBudgetFromQuery('detectorSubset=-3&detectorQueries=abc&detectorAttack=fab&detectorBudget=huge&detectorSteps=2.6');
    expect(budget).toEqual({ ...DETECTOR_BUDGET_DEFAULTS, pgdSteps: 3 });
    expect(readParams('backend=webgl').backend).toBe('webgl');
    expect(readParams('backend=opengl').backend).toBeNull();
    expect(readParams('galleryCount=0&sweepQueries=12').galleryCount).toBe(8);
  });

  it('takes a count that rounds to a positive whole number, rounded, and nothing else (not 0.3, which would be 0)', () => {
    fc.assert(
      fc.property(fc.double(), (value) => {
        const whole = Math.round(value);
        expect(readParams(new URLSearchParams({ galleryQueries: String(value) }).toString()).galleryQueries).toBe(Number.isFinite(whole) && whole > 0 ? whole : 500);
      }),
    );
    expect(readParams('galleryQueries=0.3').galleryQueries).toBe(500);
  });

  it('reads the ε sweep’s multiples only when every one is a positive number', () => {
    expect(readParams('detectorMultiples=1,3').detectorMultiples).toEqual([1, 3]);
    expect(readParams('detectorMultiples=1,-3').detectorMultiples).toBeNull();
    expect(readParams('').detectorMultiples).toBeNull();
  });

  it('turns a flag on for key=1 or a bare key only', () => {
    expect(readParams('?present=1&tau=5').present).toBe(true);
    expect(readParams('?tau=5&present=1').present).toBe(true);
    expect(readParams('?present=0').present).toBe(false);
    expect(readParams('').present).toBe(false);
    expect(readParams('steps').steps).toBe(true);
    expect(readParams('backends&backendSteps=3&squarePoints=8')).toMatchObject({ backends: true, backendSteps: 3, squarePoints: 8 });
    expect(readParams('fashion=a.gz,b.gz').fashion).toBe('a.gz,b.gz');
  });
});

describe('rewriting a query', () => {
  it('sets and removes one parameter in its place, keeping every other', () => {
    const on = withParam('method=trades&lambda=4', 'present', '1');
    expect(on).toBe('method=trades&lambda=4&present=1');
    expect(withParam(on, 'present', null)).toBe('method=trades&lambda=4');
    expect(withParam('present=1&tau=2', 'present', '1')).toBe('present=1&tau=2');
  });

  it('keeps the parameters a filter accepts by their row, in order, and joins queries without empty parts', () => {
    const query = 'tau=2&backend=cpu&detectorSubset=16&unknown=1&epochs=3';
    expect(filterQuery(query, (_key, p) => p?.group !== 'settings')).toBe('backend=cpu&detectorSubset=16&unknown=1');
    expect(filterQuery(query, (_key, p) => p?.group === 'detector')).toBe('detectorSubset=16');
    expect(joinQueries('tau=2', '', 'backend=cpu')).toBe('tau=2&backend=cpu');
  });
});

describe('readAddress', () => {
  it('expands a preset, lets parameters beside it win, and reads both settings and the rest from the result', () => {
    const opened = readAddress('?preset=ltd-paper&epochs=1&backend=webgl&detectorSubset=16');
    expect(opened.preset?.id).toBe('ltd-paper');
    expect(opened.config).toMatchObject({ method: 'ltd', dataset: 'fashion-mnist', epochs: 1 });
    expect(opened.size).toBe('cpu');
    expect(opened.params).toMatchObject({ backend: 'webgl', detectorSubset: 16, detectorBudget: 'quick', detectorMultiples: [1, 3] });
    expect(opened.issues).toEqual([]);
  });

  it('names an unknown preset first, then each refused setting, and keeps the defaults for them', () => {
    const opened = readAddress('?preset=hot&epochs=0');
    expect(opened.issues.map((i) => i.field)).toEqual(['preset', 'epochs']);
    expect(opened.config.epochs).toBe(DEFAULT_CONFIG.epochs);
  });
});
