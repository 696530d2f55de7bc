// Prints the table of every benchmark's result once all have run.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { RESULTS, type BenchResult, type Stat } from './record';

const f = (s: Stat | undefined, digits = 2) => (s ? `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})` : '—');

export function setup(): void {
  if (existsSync(RESULTS)) rmSync(RESULTS, { recursive: true, force: true });
}

export function teardown(): void {
  if (!existsSync(RESULTS)) return;
  const rows = readdirSync(RESULTS).filter((n) => n.endsWith('.json')).sort()
    .map((n) => JSON.parse(readFileSync(join(RESULTS, n), 'utf8')) as BenchResult);
  const lines = [
    `| # | measure | baseline | result median (min–max) | unit | goal | met |`,
    `|---|---|---|---|---|---|---|`,
    ...rows.map((r) => `| ${r.id} | ${r.measure} | ${r.baseline} | ${f(r.ratio ?? r.value)} | ${r.unit} | ${r.goal} | ${r.met ? 'yes' : '**no**'} |`),
  ];
  console.log(`\nBenchmarks, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}\n`);
  console.log(lines.join('\n'));
  for (const r of rows) if (r.notes) console.log(`\n${r.id}: ${r.notes}`);
}
