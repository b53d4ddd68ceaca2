import { formatBytes, formatDuration, formatOffset, formatScore } from './format';

describe('format', () => {
  it('formats durations in the unit a person reads best', () => {
    expect(formatDuration(12.4)).toBe('12 ms');
    expect(formatDuration(1234)).toBe('1.23 s');
    expect(formatDuration(42_100)).toBe('42.1 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(-1)).toBe('–');
  });

  it('formats timeline offsets with precision where segments crowd', () => {
    expect(formatOffset(0.0421)).toBe('0.042 ms');
    expect(formatOffset(12.345)).toBe('12.35 ms');
    expect(formatOffset(1500.04)).toBe('1500.0 ms');
    expect(formatOffset(12_345)).toBe('12.35 s');
  });

  it('formats scores and sizes', () => {
    expect(formatScore(null, 100)).toBe('–');
    expect(formatScore(82.5, 100)).toBe('82.5 / 100');
    expect(formatScore(100, 100)).toBe('100 / 100');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(65546)).toBe('64.0 KiB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MiB');
  });
});
