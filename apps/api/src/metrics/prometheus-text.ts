/**
 * Prometheus text exposition format 0.0.4, written by hand (the API exports a handful of
 * series; no client library). Label values are escaped as the format requires.
 */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export type Labels = Record<string, string>;

export function labelText(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
  return `{${entries.map(([k, v]) => `${k}="${escape(v)}"`).join(',')}}`;
}

/** A metric family: HELP and TYPE lines, then one sample per entry. */
export function family(
  name: string,
  type: 'gauge' | 'counter' | 'histogram',
  help: string,
  samples: [labels: Labels, value: number, suffix?: string][],
): string[] {
  return [
    `# HELP ${name} ${help}`,
    `# TYPE ${name} ${type}`,
    ...samples.map(
      ([labels, value, suffix]) => `${name}${suffix ?? ''}${labelText(labels)} ${formatValue(value)}`,
    ),
  ];
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  return String(value);
}

/** A histogram with fixed buckets (upper bounds in seconds), one series per label set. */
export class Histogram {
  private readonly series = new Map<
    string,
    { labels: Labels; counts: number[]; sum: number; count: number }
  >();

  constructor(private readonly buckets: readonly number[]) {}

  observe(labels: Labels, value: number): void {
    const key = labelText(labels);
    const entry = this.series.get(key) ?? { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
    this.buckets.forEach((le, i) => {
      if (value <= le) entry.counts[i]++;
    });
    entry.sum += value;
    entry.count++;
    this.series.set(key, entry);
  }

  samples(): [Labels, number, string][] {
    const out: [Labels, number, string][] = [];
    for (const { labels, counts, sum, count } of this.series.values()) {
      this.buckets.forEach((le, i) => out.push([{ ...labels, le: String(le) }, counts[i], '_bucket']));
      out.push([{ ...labels, le: '+Inf' }, count, '_bucket']);
      out.push([labels, sum, '_sum']);
      out.push([labels, count, '_count']);
    }
    return out;
  }
}
