// Learning a device's whole tree (or one subtree): GetParameterNames with
// NextLevel=false for names and writable flags (A.3.2.2), then partial-path
// GetParameterValues per top-level object (A.3.2.2 allows a path ending in
// '.'), so a 100k-parameter device takes a handful of round trips.
// Fallbacks for field quirks: a CPE that rejects GetParameterNames on its root
// is read with GetParameterValues on the root path first; a CPE that rejects
// partial-path GetParameterValues is read with explicit names in batches.
import type { CwmpFault } from '../../../shared/cwmp/types';
import type { CompatSwitch } from '../../../shared/model/compat';
import type { TaskRecord } from '../../../shared/model/records';
import type { ParameterChange } from '../store/parameter-table';
import { namesToChanges, valuesToChanges, type Answer, type AnyRequest, type Job, type JobView, type Step as AnyStep } from './job';
import type { Effect } from './session-effects';

const NAME_BATCH = 1000;
/** Below this share of leaves with a value, discovery is 'partial', not 'done' (rule 2). */
const COMPLETE_SHARE = 0.9;

type Phase = 'names' | 'values' | 'root-values' | 'subtree-names' | 'batched-values';
/** What discovery sends: names and values (A.3.2.2). */
type Reads = 'GetParameterNames' | 'GetParameterValues';
type Request = AnyRequest<Reads>;
type Step = AnyStep<Reads>;

export class DiscoveryJob implements Job<Reads> {
  private phase: Phase = 'names';
  private queue: Request[] = [];
  private seen = new Set<string>();
  /** Leaf names from GetParameterNames, and those a value came for. */
  private leaves = new Set<string>();
  private valued = new Set<string>();
  private names = 0;
  private values = 0;
  private readonly path: string;
  /** Partial-path reads are off (learned, set by the user, or proven in this job). */
  private byName = false;

  constructor(readonly task: TaskRecord<'GetParameterNames'>) {
    this.path = task.args.ParameterPath;
  }

  start(view: JobView): Step {
    this.byName = !view.compat.partialPathGetParameterValues;
    if (!view.compat.rootGetParameterNames && this.isRoot(view)) {
      this.phase = 'root-values';
      return { effects: [], request: { name: 'GetParameterValues', args: { ParameterNames: [this.path] } } };
    }
    return { effects: [], request: gpn(this.path) };
  }

  onResponse(view: JobView, answer: Answer<Reads>): Step {
    const effects: Effect[] = [];
    if (answer.name === 'GetParameterNamesResponse') {
      const changes = namesToChanges(answer.args.ParameterList);
      for (const c of changes) {
        this.seen.add(c.path);
        if (!c.path.endsWith('.')) this.leaves.add(c.path);
      }
      this.names += changes.length;
      effects.push(...this.learnt(view, changes));
      if (this.phase === 'names') {
        this.planValueReads(view, changes.map((c) => c.path));
        this.phase = 'values';
      }
    } else {
      const all = answer.args.ParameterList;
      // Field quirk: a partial path answered with the object itself (`X.DeviceInfo.`, empty value) and no children.
      const list = all.filter((p) => !p.Name.endsWith('.'));
      if (this.phase === 'values' && !this.byName && list.length === 0 && all.some((p) => p.Name.endsWith('.'))) {
        return this.partialPathAsObject(view, all[0]!.Name);
      }
      for (const p of list) {
        this.seen.add(p.Name);
        this.valued.add(p.Name);
      }
      this.values += list.length;
      effects.push(...this.learnt(view, valuesToChanges(list)));
      if (this.phase === 'root-values') {
        // Names were refused: the values told us which objects exist; ask each top-level object for writability.
        this.queue = topLevelObjects(this.path, list.map((p) => p.Name)).map((o) => gpn(o));
        this.phase = 'subtree-names';
      }
    }
    return this.nextOrDone(view, effects);
  }

  onFault(view: JobView, fault: CwmpFault): Step | null {
    const code = fault.detail.FaultCode;
    if (this.phase === 'names') {
      // Root GetParameterNames refused (seen on several CPE stacks): read values on the root instead.
      const effects = this.isRoot(view)
        ? [learn(view, 'rootGetParameterNames', `the CPE refused GetParameterNames on ${this.path} with fault ${code}`)] : [];
      this.phase = 'root-values';
      return { effects, request: { name: 'GetParameterValues', args: { ParameterNames: [this.path] } } };
    }
    if (this.phase === 'values' && !this.byName) {
      // Partial-path GetParameterValues refused: explicit names in batches from now on.
      const learnt = learn(view, 'partialPathGetParameterValues', `the CPE refused a partial-path GetParameterValues with fault ${code}`);
      this.byName = true;
      this.queue = this.batches(view, this.unvalued());
      return this.nextOrDone(view, [learnt]);
    }
    if (this.phase === 'subtree-names') return this.nextOrDone(view, []); // writability stays unknown for that subtree
    if (this.phase === 'root-values') {
      return { effects: [], failed: `the CPE refused both GetParameterNames and GetParameterValues on ${this.path} (fault ${code})` };
    }
    return null;
  }

  private isRoot(view: JobView): boolean {
    return this.path === view.root || this.path === '';
  }

  /** Progress first: it joins the parameters' journal write, so the device page hears of both at once. */
  private learnt(view: JobView, changes: ParameterChange[]): Effect[] {
    return [
      { kind: 'progress', deviceId: view.deviceId, names: this.names, values: this.values },
      { kind: 'parameters', deviceId: view.deviceId, changes, at: view.now },
    ];
  }

  private partialPathAsObject(view: JobView, object: string): Step {
    const learnt = learn(view, 'partialPathGetParameterValues',
      `the CPE answered GetParameterValues for ${object} with the object itself and no parameters`);
    this.byName = true;
    this.queue = this.batches(view, this.unvalued());
    return this.nextOrDone(view, [learnt]);
  }

  /** One partial-path read per top-level object, plus one for the parameters directly under the path; or every leaf by name. */
  private planValueReads(view: JobView, paths: string[]): void {
    if (this.byName) {
      this.queue = this.batches(view, paths.filter((p) => !p.endsWith('.')));
      return;
    }
    const objects = topLevelObjects(this.path, paths);
    const leaves = paths.filter((p) => !p.endsWith('.') && !p.slice(this.path.length).includes('.'));
    this.queue = objects.map((o): Request => ({ name: 'GetParameterValues', args: { ParameterNames: [o] } }));
    this.queue.push(...this.batches(view, leaves));
  }

  private unvalued(): string[] {
    return [...this.leaves].filter((p) => !this.valued.has(p));
  }

  private batches(view: JobView, params: string[]): Request[] {
    const size = view.compat.maxParametersPerGet > 0 ? Math.min(NAME_BATCH, view.compat.maxParametersPerGet) : NAME_BATCH;
    const out: Request[] = [];
    for (let i = 0; i < params.length; i += size) {
      out.push({ name: 'GetParameterValues', args: { ParameterNames: params.slice(i, i + size) } });
    }
    return out;
  }

  private nextOrDone(view: JobView, effects: Effect[]): Step {
    const next = this.queue.shift();
    if (next) return { effects, request: next };
    // What the store had under the path but the CPE no longer reports is gone (a deleted instance, a new firmware).
    if (this.seen.size > 0) effects.push({ kind: 'drop-stale', deviceId: view.deviceId, path: this.path, seen: this.seen });
    const leaves = this.leaves.size;
    const valued = [...this.leaves].filter((p) => this.valued.has(p)).length;
    // Rule 2: say how complete it is rather than "done" with most leaves empty.
    const incomplete = leaves > 0 && valued < leaves * COMPLETE_SHARE
      ? `values for ${valued.toLocaleString('en-US')} of ${leaves.toLocaleString('en-US')} parameters (${Math.floor((100 * valued) / leaves)} %)`
      : undefined;
    return { effects, done: { parameters: this.values, names: this.names, leaves, ...(incomplete ? { incomplete } : {}) } };
  }
}

function learn(view: JobView, s: CompatSwitch, reason: string): Effect {
  return { kind: 'learn', deviceId: view.deviceId, switch: s, value: false, reason, sessionId: view.sessionId };
}

/** Whether a stored path is still there: seen itself, or an object with something seen below it. */
export function stillThere(seen: ReadonlySet<string>, path: string): boolean {
  return seen.has(path) || hasSeenDescendant(seen, path);
}

function hasSeenDescendant(seen: ReadonlySet<string>, objectPath: string): boolean {
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
