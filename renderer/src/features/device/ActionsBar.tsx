// The device-wide actions: Contact now (a connection request, TR-069
// §3.2.2, when the device reported a ConnectionRequestURL; otherwise tasks
// wait for its next Inform), Refresh (rediscover the tree), Reboot and
// FactoryReset (A.3.2.7, A.4.1.5), the last two behind a confirmation, and
// Upgrade firmware (the push dialog, features/firmware).
import { Alert, Box, Button, Tooltip } from '@mui/material';
import { useState } from 'react';
import type { ContactResult } from '../../../../shared/api/contract';
import type { DeviceSummary } from '../../../../shared/model/records';
import { errorText } from '../../api/hooks';
import { getApi } from '../../api/window-api';
import { useNotify } from '../../components/notify';
import { MONO } from '../../components/theme';
import type { ConfirmRequest } from '../../components/ConfirmDialog';
import { formatTime } from '../../lib/format';
import { Bolt, Power, Refresh, Restore, SystemUpdate } from '../../components/icons';
import { parameterKey } from './use-tree-actions';

export function ActionsBar({ device, ask, onUpgrade }: { device: DeviceSummary; ask(r: ConfirmRequest): void; onUpgrade(): void }) {
  const notify = useNotify();
  const [contact, setContact] = useState<(ContactResult & { at: string }) | null>(null);
  const [contacting, setContacting] = useState(false);
  const api = getApi();
  const id = device.id;
  const serial = device.deviceId.SerialNumber;

  const doContact = async () => {
    setContacting(true);
    try {
      const r = await api.invoke('device.contact', { id });
      setContact({ ...r, at: new Date().toISOString() });
    } catch (err) {
      notify(`Contact failed: ${errorText(err)}`, 'error');
    } finally {
      setContacting(false);
    }
  };
  const refresh = () => {
    api.invoke('device.discover', { id }).then(
      () => notify('Discovery queued: the whole tree is read again in the next session', 'info'),
      (err: unknown) => notify(`Refresh failed: ${errorText(err)}`, 'error'),
    );
  };
  const reboot = () => ask({
    title: 'Reboot this device?',
    body: (
      <>
        <Box component="span" sx={{ fontFamily: MONO }}>{id}</Box> restarts after its next session ends. The customer loses
        connectivity for a minute or two; the device comes back with an Inform carrying <b>1 BOOT</b> and <b>M Reboot</b>.
      </>
    ),
    okLabel: 'Reboot',
    async onConfirm() {
      try {
        await api.invoke('task.enqueue', { deviceId: id, rpc: 'Reboot', args: { CommandKey: parameterKey() } });
        notify('Reboot queued', 'info');
      } catch (err) {
        notify(`Reboot was not queued: ${errorText(err)}`, 'error');
      }
    },
  });
  const factoryReset = () => ask({
    title: 'Factory reset this device?',
    body: (
      <>
        FactoryReset erases <b>every setting</b> of <Box component="span" sx={{ fontFamily: MONO }}>{id}</Box>: Wi-Fi names and keys,
        port mappings, the WAN login. The device comes back as new (0 BOOTSTRAP) and may not reach this ACS again
        if its ACS URL was provisioned here.
      </>
    ),
    okLabel: 'Factory reset',
    danger: true,
    typeToConfirm: serial,
    async onConfirm() {
      try {
        await api.invoke('task.enqueue', { deviceId: id, rpc: 'FactoryReset', args: {} });
        notify('FactoryReset queued', 'warning');
      } catch (err) {
        notify(`FactoryReset was not queued: ${errorText(err)}`, 'error');
      }
    },
  });

  const crHint = device.connectionRequestURL
    ? `Sends a connection request to ${device.connectionRequestURL}: the device opens a session now and runs its queued tasks`
    : 'The device reported no ConnectionRequestURL: queued tasks run at its next Inform';
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-end', gap: 0.75 }}>
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', justifyContent: 'flex-end' }}>
        <Tooltip title={crHint}>
          <span>
            <Button variant="contained" size="small" startIcon={<Bolt size={16} />} onClick={() => void doContact()} disabled={contacting}
              data-testid="action-contact">
              {device.connectionRequestURL ? 'Contact now' : 'Contact at next inform'}
            </Button>
          </span>
        </Tooltip>
        <Tooltip title="Read the whole parameter tree again (GetParameterNames + GetParameterValues)">
          <Button variant="outlined" size="small" startIcon={<Refresh size={16} />} onClick={refresh} data-testid="action-refresh">Refresh</Button>
        </Tooltip>
        <Tooltip title="Push an image from the firmware library (Download)">
          <Button variant="outlined" size="small" startIcon={<SystemUpdate size={16} />} onClick={onUpgrade} data-testid="device-upgrade">
            Upgrade firmware…
          </Button>
        </Tooltip>
        <Button variant="outlined" size="small" startIcon={<Power size={16} />} onClick={reboot} data-testid="action-reboot">Reboot</Button>
        <Button variant="outlined" size="small" color="error" startIcon={<Restore size={16} />} onClick={factoryReset} data-testid="action-factory-reset">
          Factory reset
        </Button>
      </Box>
      {contact ? (
        <Alert severity={contact.ok ? (contact.method === 'connection-request' ? 'success' : 'info') : 'warning'} data-testid="contact-result"
          data-method={contact.method} onClose={() => setContact(null)} sx={{ py: 0, px: 1, fontSize: 12.5, '& .MuiAlert-icon': { py: 0.5 }, '& .MuiAlert-message': { py: 0.5 } }}>
          {contact.method === 'connection-request' ? 'Connection request: ' : 'At next inform: '}{contact.detail} · {formatTime(contact.at)}
        </Alert>
      ) : null}
    </Box>
  );
}
