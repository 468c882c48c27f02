// The Prometheus text exposition format (version 0.0.4): one HELP and TYPE line per
// metric family, then its samples. Label values are escaped (\\, ", newline), so a group
// id or topic name can never break the format.

export type Labels = Record<string, string | number>;

export interface Family {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  samples: { labels: Labels; value: number }[];
}

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const escapeHelp = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

export function renderExposition(families: readonly Family[]): string {
  const out: string[] = [];
  for (const f of families) {
    if (f.samples.length === 0) continue; // a family without samples says nothing
    out.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) {
      const labels = Object.entries(s.labels)
        .map(([k, v]) => `${k}="${escapeLabel(String(v))}"`)
        .join(',');
      out.push(`${f.name}${labels ? `{${labels}}` : ''} ${formatValue(s.value)}`);
    }
  }
  return out.join('\n') + '\n';
}
