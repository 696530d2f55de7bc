// model.describe: the official Broadband Forum definition of one concrete
// path, for the device page's editors and details pane. The device's root
// object picks the model (TR-181 `Device.` or TR-098 `InternetGatewayDevice.`);
// instance numbers map to `{i}` (TR-106 §3.6 generic paths).
//
// A table path ('Device.NAT.PortMapping.') is not an object of its own in the
// model; it is described by its row object ('Device.NAT.PortMapping.{i}.'),
// whose access says whether AddObject is allowed (TR-106 A.2.7.1: a table's
// access="readWrite" means instances may be created and deleted).
import type { ModelDescription } from '../../../shared/model/records';
import {
  type DataModel, type ObjectDef, type ParamDef, findObjectDef, findParamDef, genericPath, loadDataModel,
} from '../../lib/datamodel/bbf-model';

export function modelKindOf(root: string): 'tr181' | 'tr098' {
  return root === 'InternetGatewayDevice.' ? 'tr098' : 'tr181';
}

export function describePath(model: DataModel, path: string): ModelDescription | null {
  if (!path.startsWith(model.root)) return null;
  if (path.endsWith('.')) {
    const own = findObjectDef(model, path);
    if (own) return describeObject(model, own, genericPath(path));
    // The table itself: described by its rows.
    const rows = model.objects.get(`${genericPath(path)}{i}.`);
    return rows ? describeObject(model, rows, genericPath(path)) : null;
  }
  const hit = findParamDef(model, path);
  return hit ? describeParam(model, hit.object, hit.param) : null;
}

export function describeForRoot(root: string, path: string): ModelDescription | null {
  return describePath(loadDataModel(modelKindOf(root)), path);
}

function describeObject(model: DataModel, def: ObjectDef, generic: string): ModelDescription {
  const d: ModelDescription = {
    genericPath: generic, spec: model.spec, object: true, writable: def.creatable,
    multiInstance: def.multi, creatable: def.creatable,
  };
  if (def.description) d.description = def.description;
  return d;
}

function describeParam(model: DataModel, object: ObjectDef, p: ParamDef): ModelDescription {
  const d: ModelDescription = {
    genericPath: object.path + p.name, spec: model.spec, object: false, type: p.type, writable: p.writable,
  };
  if (p.description) d.description = p.description;
  if (p.enumeration?.length) d.enumeration = [...p.enumeration];
  if (p.pattern?.length) d.pattern = [...p.pattern];
  if (p.ranges?.length) d.ranges = p.ranges.map((r) => ({ ...r }));
  if (p.minLength !== undefined) d.minLength = p.minLength;
  if (p.maxLength !== undefined) d.maxLength = p.maxLength;
  if (p.list) {
    d.list = true;
    if (p.itemType) d.itemType = p.itemType;
    if (p.itemMaxLength !== undefined) d.itemMaxLength = p.itemMaxLength;
  }
  if (p.units) d.units = p.units;
  if (p.defaultValue !== undefined) d.defaultValue = p.defaultValue;
  if (p.dataType) d.dataType = p.dataType;
  if (p.hidden) d.hidden = true;
  if (p.status) d.status = p.status;
  return d;
}
