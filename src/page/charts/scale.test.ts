import { describe, expect, it } from 'vitest';
import { domainOf, niceStep, ticks } from './scale';

describe('chart scales', () => {
  it('picks round tick steps', () => {
    expect(niceStep(0, 100, 4)).toBe(25);
    expect(niceStep(0, 0.15, 3)).toBe(0.05);
    expect(niceStep(0, 7, 5)).toBe(2);
  });

  it('prints linear ticks without float noise (the ε sweep once showed 0.150000000000000002)', () => {
    expect(ticks(0, 0.15, { count: 3 })).toEqual([0, 0.05, 0.1, 0.15]);
    expect(ticks(0, 100, { count: 4 })).toEqual([0, 25, 50, 75, 100]);
    expect(ticks(1, 6, { integer: true })).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ticks(1, 3, { integer: true, count: 10 })).toEqual([1, 2, 3]);
  });

  it('puts log ticks on powers of ten, with 2 and 5 between them over a short range', () => {
    expect(ticks(0.0005, 0.05, { scale: 'log' })).toEqual([0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05]);
    expect(ticks(1e-5, 1, { scale: 'log' })).toEqual([1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1]);
  });

  it('takes the data’s extent unless an end is fixed, and widens a flat series', () => {
    expect(domainOf([3, 1, 2])).toEqual([1, 3]);
    expect(domainOf([3, 1, 2], [0, 'auto'])).toEqual([0, 3]);
    expect(domainOf([0.05, 0.05], ['auto', 'auto'], 'log')).toEqual([0.025, 0.1]);
    expect(domainOf([], [0, 100])).toEqual([0, 100]);
    expect(domainOf([])).toEqual([0, 1]);
  });

});
