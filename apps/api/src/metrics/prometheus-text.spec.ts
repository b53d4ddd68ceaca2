import { family, Histogram, labelText } from './prometheus-text';

describe('Prometheus text', () => {
  it('escapes label values', () => {
    expect(labelText({ route: '/a"b\\c\nd' })).toBe('{route="/a\\"b\\\\c\\nd"}');
    expect(labelText({})).toBe('');
  });

  it('writes HELP, TYPE and samples', () => {
    expect(family('x_total', 'counter', 'Things.', [[{ kind: 'a' }, 3]])).toEqual([
      '# HELP x_total Things.',
      '# TYPE x_total counter',
      'x_total{kind="a"} 3',
    ]);
  });

  it('accumulates histogram buckets cumulatively with sum and count per label set', () => {
    const h = new Histogram([0.1, 1]);
    h.observe({ route: '/r' }, 0.05);
    h.observe({ route: '/r' }, 0.5);
    h.observe({ route: '/r' }, 5);
    const lines = family('d_seconds', 'histogram', 'D.', h.samples()).slice(2);
    expect(lines).toEqual([
      'd_seconds_bucket{route="/r",le="0.1"} 1',
      'd_seconds_bucket{route="/r",le="1"} 2',
      'd_seconds_bucket{route="/r",le="+Inf"} 3',
      'd_seconds_sum{route="/r"} 5.55',
      'd_seconds_count{route="/r"} 3',
    ]);
  });
});
