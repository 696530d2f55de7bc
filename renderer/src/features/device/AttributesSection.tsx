// Parameter attributes (TR-069 A.3.2.4/A.3.2.5): the notification the CPE
// sends when the value changes (off / passive: reported at the next Inform /
// active: the CPE starts a session with 4 VALUE CHANGE) and the access list
// ("Subscriber" may change the value through non-ACS means, or only the ACS).
// Read with GetParameterAttributes, set with SetParameterAttributes; both
// are tasks, and the store keeps what the CPE answered.
import { Box, Button, Checkbox, FormControlLabel, MenuItem, Select, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import type { ParameterRecord } from '../../../../shared/model/records';
import { errorText } from '../../api/hooks';
import { getApi } from '../../api/window-api';
import { useNotify } from '../../components/notify';
import { notificationLabel } from './task-text';

export function AttributesSection({ deviceId, rec }: { deviceId: string; rec: ParameterRecord }) {
  const notify = useNotify();
  const known = rec.notification !== undefined || rec.accessList !== undefined;
  const [notification, setNotification] = useState<number>(rec.notification ?? 0);
  const [subscriber, setSubscriber] = useState<boolean>(rec.accessList?.includes('Subscriber') ?? false);
  useEffect(() => {
    setNotification(rec.notification ?? 0);
    setSubscriber(rec.accessList?.includes('Subscriber') ?? false);
  }, [rec.path, rec.notification, rec.accessList]);

  const read = () => {
    getApi().invoke('task.enqueue', { deviceId, rpc: 'GetParameterAttributes', args: { ParameterNames: [rec.path] } }).then(
      () => notify(`GetParameterAttributes queued for ${rec.path}`, 'info'),
      (err: unknown) => notify(`Not queued: ${errorText(err)}`, 'error'),
    );
  };
  const apply = () => {
    getApi().invoke('task.enqueue', {
      deviceId, rpc: 'SetParameterAttributes',
      args: { ParameterList: [{
        Name: rec.path, NotificationChange: true, Notification: notification,
        AccessListChange: true, AccessList: subscriber ? ['Subscriber'] : [],
      }] },
    }).then(
      () => notify(`SetParameterAttributes queued: notification ${notificationLabel(notification)}`, 'info'),
      (err: unknown) => notify(`Not queued: ${errorText(err)}`, 'error'),
    );
  };

  return (
    <Box sx={{ mt: 0.5 }} data-testid="attributes">
      <Box sx={{ display: 'flex', gap: 1.5, py: 0.4, alignItems: 'baseline' }}>
        <Typography variant="caption" sx={{ color: 'text.secondary', flex: '0 0 92px' }}>Notification</Typography>
        <Box sx={{ flex: 1, fontSize: 13 }} data-testid="attr-current">
          {known
            ? `${notificationLabel(rec.notification)}; access ${rec.accessList?.length ? rec.accessList.join(', ') : 'ACS only'}`
            : 'not read yet'}
          <Button size="small" onClick={read} sx={{ ml: 1, py: 0, minHeight: 0 }} data-testid="attr-read">Read</Button>
        </Box>
      </Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, pl: '104px', flexWrap: 'wrap' }}>
        <Select size="small" value={notification} onChange={(e) => setNotification(Number(e.target.value))}
          sx={{ fontSize: 13, '& .MuiSelect-select': { py: 0.5 } }} inputProps={{ 'data-testid': 'attr-notification', 'aria-label': 'notification' }}>
          <MenuItem value={0}>Off</MenuItem>
          <MenuItem value={1}>Passive (next Inform)</MenuItem>
          <MenuItem value={2}>Active (inform now)</MenuItem>
        </Select>
        <FormControlLabel sx={{ mr: 0, '& .MuiFormControlLabel-label': { fontSize: 12.5 } }}
          control={<Checkbox size="small" checked={subscriber} onChange={(e) => setSubscriber(e.target.checked)} />}
          label="Subscriber may change" />
        <Button size="small" variant="outlined" onClick={apply} data-testid="attr-apply">Set</Button>
      </Box>
    </Box>
  );
}
