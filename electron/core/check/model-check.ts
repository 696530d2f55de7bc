// The data-model check: what a message says about parameters, against the
// official BBF models (TR-181 Device:2.19 for `Device.`, TR-098
// InternetGatewayDevice:1.14 for `InternetGatewayDevice.`). Runs in the check
// worker, after the schema check, on:
//   Inform, GetParameterValuesResponse (values the CPE reports),
//   GetParameterNamesResponse (names and writable flags the CPE reports),
//   SetParameterValues (values we send; a bad one will fault with 9007).
// Findings:
//   vendor-extension (info)    a name with an X_<VENDOR>_ segment (TR-106 §3.3) the model cannot know
//   unknown-parameter          any other name the model does not define
//   bad-value                  value or xsi:type that does not fit the declared syntax (TR-106 §3.2, Annex A.2.3)
//   writable-mismatch (info)   GPN Writable contradicts the model's access (readOnly/readWrite)
import type { CwmpEnvelope, ParameterType } from '../../../shared/cwmp/types';
import type { Direction, ModelWarning, ModelWarningKind } from '../../../shared/model/records';
import { findObjectDef, findParamDef, loadDataModel, type DataModel, type ParamDef } from '../../lib/datamodel/bbf-model';
import { checkValue } from '../../../shared/model/value-check';
import { MAX_MODEL_WARNINGS, warningKey } from './check-types';

export interface ModelCheckOutput {
  warnings: ModelWarning[];
  /** Found beyond the listed MAX_MODEL_WARNINGS. */
  omitted: number;
  /** Keys (warningKey) of `watch` this message assessed again and found fine. */
  cleared: string[];
}

const SEVERITY: Record<ModelWarningKind, 'info' | 'warning'> = {
  'unknown-parameter': 'warning', 'vendor-extension': 'info', 'bad-value': 'warning', 'writable-mismatch': 'info',
};

/** TR-106 §3.3: vendor-specific objects and parameters are named X_<VENDOR>_<name>. */
const VENDOR_SEGMENT = /(?:^|\.)(X_[^.]*?_)/;

/** Which RPC bodies the check reads, and from which direction. */
export function modelCheckApplies(rpc: string | undefined, direction: Direction): boolean {
  if (direction === 'cpe->acs') return rpc === 'Inform' || rpc === 'GetParameterValuesResponse' || rpc === 'GetParameterNamesResponse';
  return rpc === 'SetParameterValues';
}

export function checkModel(env: CwmpEnvelope, direction: Direction, watch?: ReadonlySet<string>): ModelCheckOutput {
  const out: ModelCheckOutput = { warnings: [], omitted: 0, cleared: [] };
  const body = env.body;
  if (!body || !modelCheckApplies(body.name, direction)) return out;
  const warned = new Set<string>();
  const add = (path: string, kind: ModelWarningKind, message: string) => {
    warned.add(warningKey(kind, path));
    if (out.warnings.length < MAX_MODEL_WARNINGS) out.warnings.push({ path, kind, severity: SEVERITY[kind], message });
    else out.omitted++;
  };
  const reported: string[] = [];
  const sent = direction === 'acs->cpe';
  // What a message can vouch for: names always; values or writability by RPC.
  const assessed: ModelWarningKind[] = ['unknown-parameter', 'vendor-extension',
    body.name === 'GetParameterNamesResponse' ? 'writable-mismatch' : 'bad-value'];
  if (body.name === 'GetParameterNamesResponse') {
    for (const p of body.args.ParameterList ?? []) {
      if (typeof p?.Name !== 'string' || p.Name === '') continue;
      reported.push(p.Name);
      const def = lookup(p.Name, add);
      if (!def || def.object) continue;
      if (p.Writable !== def.param.writable) {
        add(p.Name, 'writable-mismatch',
          `the CPE says Writable=${p.Writable}; ${def.model.spec} declares it ${def.param.writable ? 'readWrite' : 'readOnly'}`);
      }
    }
  } else {
    const list = body.name === 'Inform' || body.name === 'GetParameterValuesResponse' || body.name === 'SetParameterValues'
      ? body.args.ParameterList ?? [] : [];
    for (const p of list) {
      if (typeof p?.Name !== 'string' || p.Name === '') continue;
      reported.push(p.Name);
      const def = lookup(p.Name, add);
      if (!def || def.object) continue;
      const problem = valueProblem(def.param, p.Value ?? '', p.Type);
      if (problem) add(p.Name, 'bad-value', `${sent ? 'we send' : 'the CPE reports'} a value that does not fit ${def.model.spec}: ${problem}`);
    }
  }
  if (watch?.size) {
    for (const path of reported) {
      for (const kind of assessed) {
        const key = warningKey(kind, path);
        if (watch.has(key) && !warned.has(key)) out.cleared.push(key);
      }
    }
  }
  return out;
}

type Found =
  | { object: true; model: DataModel }
  | { object: false; model: DataModel; param: NonNullable<ReturnType<typeof findParamDef>>['param'] };

/** The model's definition of a concrete name, or a warning saying why there is none. */
function lookup(name: string, add: (path: string, kind: ModelWarningKind, message: string) => void): Found | undefined {
  const model = modelFor(name);
  if (!model) {
    add(name, 'unknown-parameter', 'not under Device. (TR-181) or InternetGatewayDevice. (TR-098)');
    return undefined;
  }
  if (name.endsWith('.')) {
    // GetParameterNames lists a table as "Device.WiFi.SSID." and its rows as
    // "Device.WiFi.SSID.1."; the model names both after the row, "….SSID.{i}.".
    if (findObjectDef(model, name) || findObjectDef(model, `${name}{i}.`)) return { object: true, model };
  } else {
    const hit = findParamDef(model, name);
    if (hit) return { object: false, model, param: hit.param };
  }
  const vendor = VENDOR_SEGMENT.exec(name);
  if (vendor) add(name, 'vendor-extension', `vendor extension (${vendor[1]}): not part of ${model.spec}`);
  else add(name, 'unknown-parameter', `not in ${model.spec}`);
  return undefined;
}

function modelFor(name: string): DataModel | undefined {
  if (name.startsWith('Device.')) return loadDataModel('tr181');
  if (name.startsWith('InternetGatewayDevice.')) return loadDataModel('tr098');
  return undefined;
}

/** Declared syntax vs. the value and its xsi:type (TR-069 A.3.2.1: the type must match the parameter's). */
function valueProblem(def: ParamDef, value: string, type: ParameterType | undefined): string | null {
  if (type && type !== def.type) return `sent as xsd:${type === 'base64' ? 'base64Binary' : type}, declared ${def.type}`;
  // Hidden (secured) parameters read back as "" or a null value (TR-106 A.2.7), not their value.
  if (def.hidden) return null;
  return checkValue(def, value);
}
