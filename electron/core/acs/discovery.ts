// Learning a device's whole tree (or one subtree): GetParameterNames with
// NextLevel=false for names and writable flags (A.3.2.2), then partial-path
// GetParameterValues per top-level object (A.3.2.2 allows a path ending in
// '.'), so a 100k-parameter device takes a handful of round trips.
// Fallbacks for field quirks: a CPE that rejects GetParameterNames on its root
// is read with GetParameterValues on the root path first; a CPE that rejects
// partial-path GetParameterValues is read with explicit names in batches.
import type { CwmpFault, RpcBodies, RpcName } from '../../../shared/cwmp/types';
import type { TaskRecord } from '../../../shared/model/records';
import { namesToChanges, valuesToChanges, type Job, type JobContext, type Request, type Step } from './job';

const NAME_BATCH = 1000;

type Phase = 'names' | 'values' | 'root-values' | 'subtree-names' | 'batched-values';

export class DiscoveryJob implements Job {
  private phase: Phase = 'names';
  private queue: Request[] = [];
  private seen = new Set<string>();
  private names = 0;
  private values = 0;
  private readonly path: string;

  constructor(readonly task: TaskRecord) {
    this.path = (task.args as RpcBodies['GetParameterNames']).ParameterPath;
  }

  async start(): Promise<Step> {
    return { request: { name: 'GetParameterNames', args: { ParameterPath: this.path, NextLevel: false } } };
  }

  async onResponse(ctx: JobContext, name: RpcName, args: unknown): Promise<Step> {
    const now = ctx.now();
    if (name === 'GetParameterNamesResponse') {
      const list = (args as RpcBodies['GetParameterNamesResponse']).ParameterList;
      const changes = namesToChanges(list);
      for (const c of changes) this.seen.add(c.path);
      await ctx.store.applyParameters(ctx.deviceId, changes, now);
      this.names += changes.length;
      ctx.progress({ names: this.names, values: this.values });
      if (this.phase === 'names') {
        this.planValueReads(changes.map((c) => c.path));
        this.phase = 'values';
      }
    } else if (name === 'GetParameterValuesResponse') {
      const list = (args as RpcBodies['GetParameterValuesResponse']).ParameterList;
      for (const p of list) this.seen.add(p.Name);
      await ctx.store.applyParameters(ctx.deviceId, valuesToChanges(list), now);
      this.values += list.length;
      ctx.progress({ names: this.names, values: this.values });
      if (this.phase === 'root-values') {
        // Names were refused: the values told us which objects exist; ask each top-level object for writability.
        this.queue = topLevelObjects(this.path, list.map((p) => p.Name)).map((o) => gpn(o));
        this.phase = 'subtree-names';
      }
    } else {
      return { failed: `discovery expected GetParameterNamesResponse or GetParameterValuesResponse, the CPE sent ${name}` };
    }
    return this.nextOrDone(ctx);
  }

  async onFault(ctx: JobContext, fault: CwmpFault): Promise<Step | null> {
    const code = fault.detail.FaultCode;
    if (this.phase === 'names') {
      // Root GetParameterNames refused (seen on several CPE stacks): read values on the root instead.
      this.phase = 'root-values';
      return { request: { name: 'GetParameterValues', args: { ParameterNames: [this.path] } } };
    }
    if (this.phase === 'values') {
      // Partial-path GetParameterValues refused: fall back to explicit names in batches.
      this.phase = 'batched-values';
      const params = [...this.seen].filter((p) => !p.endsWith('.'));
      this.queue = [];
      for (let i = 0; i < params.length; i += NAME_BATCH) {
        this.queue.push({ name: 'GetParameterValues', args: { ParameterNames: params.slice(i, i + NAME_BATCH) } });
      }
      return this.nextOrDone(ctx);
    }
    if (this.phase === 'subtree-names') return this.nextOrDone(ctx); // writability stays unknown for that subtree
    if (this.phase === 'root-values') return { failed: `the CPE refused both GetParameterNames and GetParameterValues on ${this.path} (fault ${code})` };
    return null;
  }

  /** One partial-path read per top-level object, plus one for the parameters directly under the path. */
  private planValueReads(paths: string[]): void {
    const objects = topLevelObjects(this.path, paths);
    const leaves = paths.filter((p) => !p.endsWith('.') && !p.slice(this.path.length).includes('.'));
    this.queue = objects.map((o) => ({ name: 'GetParameterValues', args: { ParameterNames: [o] } }) as Request);
    for (let i = 0; i < leaves.length; i += NAME_BATCH) {
      this.queue.push({ name: 'GetParameterValues', args: { ParameterNames: leaves.slice(i, i + NAME_BATCH) } });
    }
  }

  private async nextOrDone(ctx: JobContext): Promise<Step> {
    const next = this.queue.shift();
    if (next) return { request: next };
    await this.dropStale(ctx);
    return { done: { parameters: this.values, names: this.names } };
  }

  /** What the store had under the path but the CPE no longer reports is gone (a deleted instance, a new firmware). */
  private async dropStale(ctx: JobContext): Promise<void> {
    if (this.seen.size === 0) return;
    const known = await ctx.store.listParameters(ctx.deviceId, this.path);
    for (const p of known) {
      if (!this.seen.has(p.path) && p.path !== this.path && !hasSeenDescendant(this.seen, p.path)) {
        await ctx.store.removeSubtree(ctx.deviceId, p.path);
      }
    }
  }
}

function hasSeenDescendant(seen: Set<string>, objectPath: string): boolean {
  if (!objectPath.endsWith('.')) return false;
  for (const s of seen) if (s.startsWith(objectPath)) return true;
  return false;
}

function gpn(path: string): Request {
  return { name: 'GetParameterNames', args: { ParameterPath: path, NextLevel: false } };
}

/** 'Device.WiFi.', 'Device.IP.' … for paths under `base`. */
export function topLevelObjects(base: string, paths: string[]): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    if (!p.startsWith(base)) continue;
    const rest = p.slice(base.length);
    const dot = rest.indexOf('.');
    if (dot > 0) out.add(base + rest.slice(0, dot + 1));
  }
  return [...out];
}
