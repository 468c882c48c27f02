import { describe, expect, it } from 'vitest';
import { formatAgo, formatBytes, formatCount, formatDuration, formatShortDuration } from './format';

describe('formatDuration (retention.ms beside the form field)', () => {
  const rows: [number | null, string][] = [
    [1728000, '28.8 minutes'],
    [604800000, '7 days'],
    [86400000, '1 day'],
    [3600000, '1 hour'],
    [90_000, '1.5 minutes'],
    [1000, '1 second'],
    [500, '500 ms'],
    [-1, 'forever'],
    [null, '—'],
  ];
  for (const [ms, text] of rows) it(`${ms} → ${text}`, () => expect(formatDuration(ms)).toBe(text));
});

describe('formatBytes', () => {
  const rows: [number | null, string][] = [
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [1536, '1.5 KiB'],
    [10 * 1024 * 1024, '10 MiB'],
    [null, '—'],
  ];
  for (const [n, text] of rows) it(`${n} → ${text}`, () => expect(formatBytes(n)).toBe(text));
});

it('formatCount groups thousands; null is a dash, not 0', () => {
  expect(formatCount(1234567)).toBe('1,234,567');
  expect(formatCount(0)).toBe('0');
  expect(formatCount(null)).toBe('—');
});

it('formatAgo', () => {
  expect(formatAgo(1000, 1500)).toBe('just now');
  expect(formatAgo(0, 5000)).toBe('5s ago');
  expect(formatAgo(0, 180_000)).toBe('3 min ago');
});

describe('formatShortDuration (time lag in table cells)', () => {
  const rows: [number | null, string][] = [
    [null, '—'],
    [0, '0 s'],
    [400, '< 1 s'],
    [45_000, '45 s'],
    [89_000, '89 s'],
    [120_000, '2 min'],
    [150_000, '3 min'],
    [3 * 3_600_000, '3 h'],
    [4 * 86_400_000, '4 d'],
  ];
  for (const [ms, text] of rows) it(`${ms} → ${text}`, () => expect(formatShortDuration(ms)).toBe(text));
});
