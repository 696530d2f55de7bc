// Deployment units for ChangeDUState (TR-069 Amd 6 A.4.1.10, Annex II of
// TR-157): Install fetches the unit's URL, Update replaces its version,
// Uninstall removes it; each operation yields an OpResultStruct for the
// DUStateChangeComplete the CPE sends later. On TR-181 devices that carry
// Device.SoftwareModules., the units also appear as DeploymentUnit rows.
import { randomUUID } from 'node:crypto';
import { formatDateTime } from '../../shared/cwmp';
import type { FaultStruct, OpResultStruct, OperationStruct } from '../../shared/cwmp/types';
import type { CpeState } from './cpe-state';
import { bumpVersion, downloadFile, firmwareVersion } from './file-transfer';

interface DeploymentUnit { uuid: string; version: string; url: string; row?: string }

const UUID_RE = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const TABLE = 'Device.SoftwareModules.DeploymentUnit.';
const OK: FaultStruct = { FaultCode: 0, FaultString: '' };

export class SoftwareModules {
  private units: DeploymentUnit[] = [];

  constructor(private readonly state: () => CpeState, private readonly rejectUnauthorized?: boolean) {}

  clear(): void { this.units = []; }

  list(): readonly DeploymentUnit[] { return this.units; }

  async apply(ops: readonly OperationStruct[]): Promise<OpResultStruct[]> {
    const out: OpResultStruct[] = [];
    for (const op of ops) out.push(await this.one(op));
    return out;
  }

  private async one(op: OperationStruct): Promise<OpResultStruct> {
    const start = formatDateTime(new Date());
    const result = (du: Partial<DeploymentUnit> & { uuid: string }, currentState: string, fault: FaultStruct = OK): OpResultStruct => ({
      UUID: UUID_RE.test(du.uuid) ? du.uuid : NIL_UUID,
      DeploymentUnitRef: du.row ? du.row.slice(0, -1) : '',
      Version: (du.version ?? '').slice(0, 32),
      CurrentState: currentState,
      Resolved: fault.FaultCode === 0,
      ExecutionUnitRefList: '',
      StartTime: start,
      CompleteTime: formatDateTime(new Date()),
      Fault: fault,
    });
    const fail = (uuid: string, code: number, why: string, currentState = 'Failed') => result({ uuid }, currentState, { FaultCode: code, FaultString: why });
    if (op.UUID && !UUID_RE.test(op.UUID)) return fail(op.UUID, 9022, 'invalid UUID format');
    switch (op.Op) {
      case 'Install': {
        if (op.UUID && this.units.some((u) => u.uuid.toLowerCase() === op.UUID.toLowerCase())) {
          return fail(op.UUID, 9026, 'this deployment unit is already installed', 'Installed');
        }
        const dl = await downloadFile({ url: op.URL, username: op.Username, password: op.Password, rejectUnauthorized: this.rejectUnauthorized });
        if (dl.fault.FaultCode) return fail(op.UUID || NIL_UUID, dl.fault.FaultCode, dl.fault.FaultString);
        const du: DeploymentUnit = { uuid: op.UUID || randomUUID(), version: firmwareVersion(dl.head, op.URL, '1.0'), url: op.URL };
        du.row = this.mirror(du);
        this.units.push(du);
        return result(du, 'Installed');
      }
      case 'Update': {
        const du = this.units.find((u) => !op.UUID || u.uuid.toLowerCase() === op.UUID.toLowerCase());
        if (!du) return fail(op.UUID || NIL_UUID, 9028, 'unknown deployment unit', 'Uninstalled');
        if (op.URL) {
          const dl = await downloadFile({ url: op.URL, username: op.Username, password: op.Password, rejectUnauthorized: this.rejectUnauthorized });
          if (dl.fault.FaultCode) return result(du, 'Installed', dl.fault);
          du.version = firmwareVersion(dl.head, op.URL, du.version);
          du.url = op.URL;
        } else {
          du.version = bumpVersion(du.version);
        }
        this.mirror(du);
        return result(du, 'Installed');
      }
      case 'Uninstall': {
        const du = this.units.find((u) => u.uuid.toLowerCase() === op.UUID.toLowerCase() && (!op.Version || u.version === op.Version));
        if (!du) return fail(op.UUID, 9028, 'unknown deployment unit', 'Uninstalled');
        this.units.splice(this.units.indexOf(du), 1);
        if (du.row) this.state().removeInstance(du.row);
        return result(du, 'Uninstalled');
      }
    }
  }

  /** Writes the unit into Device.SoftwareModules.DeploymentUnit.{i}. when the device has that table. */
  private mirror(du: DeploymentUnit): string | undefined {
    const s = this.state();
    if (!s.isObject(TABLE)) return undefined;
    const row = du.row ?? `${TABLE}${s.addInstance(TABLE)}.`;
    const set = (name: string, v: string) => { if (s.has(row + name)) s.setInternal(row + name, v); };
    set('UUID', du.uuid);
    set('URL', du.url);
    set('Version', du.version);
    set('Status', 'Installed');
    set('Resolved', 'true');
    set('Name', du.url.split('/').pop() ?? du.uuid);
    return row;
  }
}
