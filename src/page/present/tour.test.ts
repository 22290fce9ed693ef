import { describe, expect, it } from 'vitest';
import { chartAfter, PRESENT_CHARTS } from './charts';
import { TRAIN_PRESETS } from '../../shared/presets';
import { NUMBERS_STEP, presetTour, TOUR, tourStep } from './tour';

describe('guided tour', () => {
  it('stops at its first and last step instead of wrapping round', () => {
    expect(tourStep(0, 6, -1)).toBe(0);
    expect(tourStep(0, 6, 1)).toBe(1);
    expect(tourStep(5, 6, 1)).toBe(5);
    expect(tourStep(3, 6, -1)).toBe(2);
    expect(tourStep(0, 0, 1)).toBe(0);
  });

  it('opens on the three numbers, then takes one step per training preset in the presets’ order, each saying what to look for', () => {
    expect(TOUR[0]).toBe(NUMBERS_STEP);
    expect(NUMBERS_STEP.preset).toBeUndefined();
    expect(TOUR.slice(1).map((s) => s.preset)).toEqual(TRAIN_PRESETS);
    expect(TOUR.slice(1).map((s) => s.name)).toEqual(TRAIN_PRESETS.map((p) => p.name));
    // The τ sweep preset runs in its own panel, not on the stage's Train and Run detector.
    expect(TOUR.some((s) => s.preset?.runs === 'tau-sweep')).toBe(false);
    const ids = PRESENT_CHARTS.map((c) => c.id) as string[];
    for (const step of TOUR) {
      expect(step.lookFor.length).toBeGreaterThan(40);
      if (step.chart) expect(ids).toContain(step.chart);
    }
    expect(new Set(TOUR.map((s) => s.id)).size).toBe(TOUR.length);
  });

  it('turns presets into steps that carry the preset, its name and its sentence, and put the accuracy chart on stage', () => {
    const [ltd] = TRAIN_PRESETS.filter((p) => p.id === 'ltd-paper');
    expect(presetTour([ltd])).toEqual([{ id: 'ltd-paper', name: ltd.name, lookFor: ltd.look, chart: 'accuracy', preset: ltd }]);
  });
});

describe('chart on stage', () => {
  it('wraps round in both directions', () => {
    const n = PRESENT_CHARTS.length;
    expect(chartAfter(n - 1, n, 1)).toBe(0);
    expect(chartAfter(0, n, -1)).toBe(n - 1);
    expect(chartAfter(1, n, 1)).toBe(2);
  });
});
