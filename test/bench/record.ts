// Shared by the benchmarks: timing helpers and the result file each one writes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const RESULTS = resolve(__dirname, '../../test-results/bench');

export interface Stat { min: number; median: number; max: number }

export interface BenchResult {
  id: string;
  measure: string;
  baseline: string;
  /** What is reported: a ratio to the baseline (value / baseline) or an absolute figure. */
  unit: string;
  value: Stat;
  baselineValue?: Stat;
  ratio?: Stat;
  goal: string;
  met: boolean;
  notes?: string;
}

export function stat(xs: number[]): Stat {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
}

/** Ratio of paired runs (each pair measured back to back, so noise hits both). */
export function ratios(values: number[], baselines: number[]): Stat {
  return stat(values.map((v, i) => v / baselines[i]));
}

export async function timeMs(fn: () => unknown | Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export function record(r: BenchResult): void {
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, `${r.id}.json`), JSON.stringify(r, null, 2));
  console.log(`${r.id} ${r.measure}: ${JSON.stringify(r.ratio ?? r.value)} (${r.unit}), goal ${r.goal}: ${r.met ? 'met' : 'MISSED'}`);
}
