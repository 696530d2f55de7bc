// Streaming reader for a Broadband Forum "full" (flattened) CWMP data-model
// document (cwmp-datamodel-1-x.xsd). It only collects what the ACS needs:
// top-level named dataTypes and the objects/parameters of the <model>, each
// parameter with the raw facets of its <syntax>. Profiles, bibliography,
// uniqueKeys and descriptions of facets are skipped. Named dataTypes are
// resolved later (bbf-model.ts) because a syntax may refer to a type that is
// declared after it.
//
// saxes is used rather than a DOM parser: TR-181 is 4.6 MB and a single pass
// over SAX events costs well under 100 ms, where building a tree would cost
// several times that plus the memory of ~50,000 element nodes.
import { SaxesParser } from 'saxes';
import type { ParameterType } from '../../../shared/cwmp/types';

export const PRIMITIVES: ReadonlySet<string> = new Set([
  'string', 'boolean', 'unsignedInt', 'int', 'unsignedLong', 'long', 'dateTime', 'base64', 'hexBinary', 'decimal',
]);

export interface RawRange { min?: number; max?: number; step?: number }

/** Facets of a syntax or dataType, as written (TR-106 Annex A.2.2/A.2.3). */
export interface RawFacets {
  base?: ParameterType;          // the primitive element (<string>, <unsignedInt>, ...)
  list?: boolean;
  minItems?: number; maxItems?: number;
  listMinLength?: number; listMaxLength?: number;   // <list><size>: whole comma-separated string
  enums?: string[];
  patterns?: string[];
  ranges?: RawRange[];
  minLength?: number; maxLength?: number;           // <size> of the value (or of each list item)
  units?: string;
  pathRef?: { targetParent?: string; refType?: string; targetType?: string };
  enumRef?: { targetParam: string; nullValue?: string };
}

export interface RawDataType { name: string; baseName?: string; facets: RawFacets; description?: string }

export interface RawParam {
  name: string;
  writable: boolean;
  status?: string;
  hidden: boolean;
  command: boolean;
  dataTypeRef?: string;
  facets: RawFacets;
  defaults: { type: string; value: string }[];
  description?: string;
}

export interface RawObject {
  name: string;
  access: string;
  status?: string;
  minEntries: number;
  maxEntries: number | 'unbounded';
  numEntriesParameter?: string;
  params: RawParam[];
  description?: string;
}

export interface RawDocument { modelName: string; dataTypes: Map<string, RawDataType>; objects: RawObject[] }

const GONE = new Set(['obsoleted', 'deleted']);
/** Elements inside a <model> whose whole subtree is irrelevant here. */
const SKIP_IN_MODEL = new Set(['profile', 'component', 'uniqueKey', 'template']);
/** Longest raw description text kept; the plain-text version is cut to ~300 chars. */
const DESC_RAW_LIMIT = 1200;

function num(v: string | undefined): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

export function parseBbfXml(xml: string): RawDocument {
  const parser = new SaxesParser();
  const dataTypes = new Map<string, RawDataType>();
  const objects: RawObject[] = [];
  let modelName = '';

  const stack: string[] = [];
  let skip = 0;                       // >0: inside a skipped subtree (depth counter)
  let inModel = false;
  let curDT: RawDataType | undefined;
  let curObj: RawObject | undefined;
  let curParam: RawParam | undefined;
  let facets: RawFacets | undefined;  // target of facet elements (syntax or dataType)
  let inList = false;                 // inside <list>: <size> sizes the whole list
  let desc: { text: string; done: (t: string) => void } | undefined;

  parser.on('opentag', (tag) => {
    if (skip > 0) { skip++; return; }
    const name = tag.name;
    const a = tag.attributes as Record<string, string>;
    const parent = stack[stack.length - 1];
    stack.push(name);

    if (name === 'description') {
      // Keep the object's, the parameter's and the named dataType's own description only.
      if (parent === 'parameter' && curParam && curParam.description === undefined) {
        const p = curParam;
        desc = { text: '', done: (t) => { p.description = t; } };
      } else if (parent === 'object' && curObj && curObj.description === undefined && !curParam) {
        const o = curObj;
        desc = { text: '', done: (t) => { o.description = t; } };
      } else if (parent === 'dataType' && curDT && curDT.description === undefined) {
        const d = curDT;
        desc = { text: '', done: (t) => { d.description = t; } };
      } else {
        stack.pop(); skip = 1;
      }
      return;
    }

    // Facet status="deleted" (e.g. a removed <size> or enumeration value) no longer applies.
    if (a.status !== undefined && GONE.has(a.status) && name !== 'object' && name !== 'parameter') {
      stack.pop(); skip = 1; return;
    }

    if (!inModel) {
      if (name === 'dataType' && parent === 'dm:document' && a.name) {
        curDT = { name: a.name, baseName: a.base || undefined, facets: {} };
        facets = curDT.facets;
        return;
      }
      if (name === 'model') { inModel = true; modelName = a.name ?? ''; return; }
      if (curDT) { facet(name, a); return; }
      if (parent === 'dm:document') { stack.pop(); skip = 1; }   // bibliography, import, ...
      return;
    }

    if (SKIP_IN_MODEL.has(name)) { stack.pop(); skip = 1; return; }
    if (name === 'object' && parent === 'model') {
      if (a.status && GONE.has(a.status)) { stack.pop(); skip = 1; return; }
      const max = a.maxEntries ?? '1';
      curObj = {
        name: a.name, access: a.access ?? 'readOnly', status: a.status,
        minEntries: num(a.minEntries) ?? 0,
        maxEntries: max === 'unbounded' ? 'unbounded' : (num(max) ?? 1),
        numEntriesParameter: a.numEntriesParameter || undefined,
        params: [],
      };
      objects.push(curObj);
      return;
    }
    if (name === 'parameter' && parent === 'object' && curObj && a.name) {
      if (a.status && GONE.has(a.status)) { stack.pop(); skip = 1; return; }
      curParam = {
        name: a.name, writable: a.access === 'readWrite', status: a.status,
        hidden: false, command: false, facets: {}, defaults: [],
      };
      curObj.params.push(curParam);
      return;
    }
    if (name === 'syntax' && curParam) {
      // TR-106 A.2.7: hidden (value not readable) and secured (reads as empty
      // string, Amendment 12+) both mean a read returns "".
      curParam.hidden = a.hidden === 'true' || a.secured === 'true';
      curParam.command = a.command === 'true';
      facets = curParam.facets;
      return;
    }
    if (curParam && facets) {
      if (name === 'dataType') { curParam.dataTypeRef = a.ref || a.base; return; }
      if (name === 'default') {
        if (a.value !== undefined) curParam.defaults.push({ type: a.type ?? 'object', value: a.value });
        return;
      }
      facet(name, a);
    }
  });

  function facet(name: string, a: Record<string, string>): void {
    const f = facets;
    if (!f) return;
    if (PRIMITIVES.has(name)) { f.base = name as ParameterType; return; }
    switch (name) {
      case 'list':
        f.list = true; inList = true;
        f.minItems = num(a.minItems); f.maxItems = num(a.maxItems);
        return;
      case 'size':
        if (inList) { f.listMinLength ??= num(a.minLength); f.listMaxLength ??= num(a.maxLength); }
        else { f.minLength ??= num(a.minLength); f.maxLength ??= num(a.maxLength); }
        return;
      case 'enumeration':
        if (a.value !== undefined) (f.enums ??= []).push(a.value);
        return;
      case 'pattern':
        if (a.value !== undefined) (f.patterns ??= []).push(a.value);
        return;
      case 'range':
        (f.ranges ??= []).push({ min: num(a.minInclusive), max: num(a.maxInclusive), step: num(a.step) });
        return;
      case 'units':
        f.units ??= a.value;
        return;
      case 'pathRef':
        f.pathRef ??= { targetParent: a.targetParent?.trim() || undefined, refType: a.refType, targetType: a.targetType };
        return;
      case 'enumerationRef':
        if (a.targetParam) f.enumRef ??= { targetParam: a.targetParam, nullValue: a.nullValue };
        return;
      default:
        // instanceRef, etc.: the model files used here have none; ignore the rest.
        return;
    }
  }

  parser.on('text', (t) => {
    if (desc && skip === 0 && desc.text.length < DESC_RAW_LIMIT) desc.text += t;
  });

  parser.on('closetag', (tag) => {
    if (skip > 0) { skip--; return; }
    stack.pop();
    switch (tag.name) {
      case 'description': if (desc) { desc.done(desc.text); desc = undefined; } break;
      case 'list': inList = false; break;
      case 'syntax': facets = undefined; break;
      case 'parameter': if (stack[stack.length - 1] === 'object') curParam = undefined; break;
      case 'object': if (stack[stack.length - 1] === 'model') { curObj = undefined; curParam = undefined; } break;
      case 'dataType': if (curDT && !inModel && stack.length === 1) { dataTypes.set(curDT.name, curDT); curDT = undefined; facets = undefined; } break;
      case 'model': inModel = false; break;
    }
  });

  parser.write(xml).close();
  return { modelName, dataTypes, objects };
}
