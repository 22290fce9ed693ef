import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDecimal, formatDuration, formatEpsilon, formatFixed, formatMeanSd, formatPercent, formatRange, formatSignificant } from './format';
import { summarise } from './stats';

describe('number formatting', () => {
  it('prints an axis tick without float noise', () => {
    expect(formatDecimal(0.1 + 0.05)).toBe('0.15');
    expect(formatDecimal(0.15000000000000002)).toBe('0.15');
    expect(formatDecimal(3 * 0.05)).toBe('0.15');
    expect(formatDecimal(-0.00001)).toBe('0');
    expect(formatDecimal(2)).toBe('2');
  });

  it('prints percentages with one decimal and a dash for missing values', () => {
    expect(formatPercent(53.08)).toBe('53.1%');
    expect(formatPercent(100)).toBe('100.0%');
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(12.34, { sign: false })).toBe('12.3');
  });

  it('prints a figure over repeats as mean ± s.d. and its min–max range, a dash where one value has none', () => {
    // 40, 50, 61: mean 50.333…, s.d. √((10.333² + 0.333² + 10.667²)/2) = √110.333 = 10.504.
    expect(formatMeanSd(summarise([40, 50, 61]))).toBe('50.3 ± 10.5');
    expect(formatRange(summarise([40, 50, 61]))).toBe('40.0–61.0');
    expect(formatMeanSd(summarise([72.5]))).toBe('72.5 ± —');
    expect(formatRange(summarise([72.5]))).toBe('—');
    expect(formatMeanSd(null)).toBe('—');
  });

  it('prints ε as a decimal, and on images also as x/255', () => {
    expect(formatEpsilon(0.05)).toBe('0.05');
    expect(formatEpsilon(8 / 255, { image: true })).toBe('0.0314 (8/255)');
    expect(formatEpsilon(0.3, { image: true })).toBe('0.3 (76.5/255)');
  });

  it('prints exactly the decimals asked for, without a negative zero', () => {
    expect(formatFixed(0.5, 2)).toBe('0.50');
    expect(formatFixed(2.6149, 2)).toBe('2.61');
    expect(formatFixed(-0.001, 2)).toBe('0.00');
    expect(formatFixed(-1.5, 1)).toBe('-1.5');
    expect(formatFixed(Infinity, 2)).toBe('∞');
    expect(formatFixed(-Infinity, 2)).toBe('−∞');
  });

  it('prints significant digits without trailing zeros, tiny values in exponent form', () => {
    expect(formatSignificant(0.05)).toBe('0.05');
    expect(formatSignificant(0.012345)).toBe('0.0123');
    expect(formatSignificant(1234.5)).toBe('1230');
    expect(formatSignificant(0.000025)).toBe('2.5e-5');
    expect(formatSignificant(0.00002)).toBe('2e-5');
    expect(formatSignificant(0)).toBe('0');
  });

  it('prints durations in seconds (a decimal below ten), minutes or hours', () => {
    expect(formatDuration(0.42)).toBe('0.4 s');
    expect(formatDuration(2.5)).toBe('2.5 s');
    expect(formatDuration(4)).toBe('4 s');
    expect(formatDuration(9.97)).toBe('10 s');
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3720)).toBe('1 h 02 min');
  });
});

describe('formatDateTime', () => {
  it('writes a moment as Intl does, reusing one formatter', () => {
    const ms = Date.UTC(2026, 11, 2, 10, 31);
    const expected = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' }).format(ms);
    expect(formatDateTime(ms)).toBe(expected);
    expect(formatDateTime(ms + 60_000)).not.toBe(expected);
  });
});
