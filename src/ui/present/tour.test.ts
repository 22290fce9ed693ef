import { describe, expect, it } from 'vitest';
import { chartAfter, PRESENT_CHARTS } from './charts';
import { PAGE_TOUR, presetTour, TOUR, tourStep } from './tour';

describe('guided tour', () => {
  it('stops at its first and last step instead of wrapping round', () => {
    expect(tourStep(0, 6, -1)).toBe(0);
    expect(tourStep(0, 6, 1)).toBe(1);
    expect(tourStep(5, 6, 1)).toBe(5);
    expect(tourStep(3, 6, -1)).toBe(2);
    expect(tourStep(0, 0, 1)).toBe(0);
  });

  it('tours the page’s views with a sentence each on what to look for, every chart it names being one on stage', () => {
    expect(TOUR).toBe(PAGE_TOUR);
    const ids = PRESENT_CHARTS.map((c) => c.id) as string[];
    for (const step of PAGE_TOUR) {
      expect(step.lookFor.length).toBeGreaterThan(40);
      if (step.chart) expect(ids).toContain(step.chart);
    }
    expect(new Set(PAGE_TOUR.map((s) => s.id)).size).toBe(PAGE_TOUR.length);
  });

  it('turns named settings (the presets) into steps that keep their query and put the accuracy chart on stage', () => {
    const steps = presetTour([{ id: 'ltd', name: 'LTD, paper default', query: 'method=ltd&tau=5&lambda=6', lookFor: 'Watch both lines.' }]);
    expect(steps).toEqual([{ id: 'ltd', name: 'LTD, paper default', query: 'method=ltd&tau=5&lambda=6', lookFor: 'Watch both lines.', chart: 'accuracy' }]);
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
