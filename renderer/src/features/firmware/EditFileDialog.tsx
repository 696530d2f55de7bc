// A library file's metadata: the FileType sent with Download (A.3.2.8: one
// of the defined types, or a vendor type 'X <OUI> <name>'), and the vendor
// OUI, product class and version the image is meant for — which the push
// dialog compares with each device to warn before a mismatch is pushed.
import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { fileMetaProblems } from '../../../../shared/api/transfer-rules';
import { DOWNLOAD_FILE_TYPE_RE, DOWNLOAD_FILE_TYPES, type FirmwareFile, type FirmwareMeta } from '../../../../shared/model/transfers';
import { errorText } from '../../api/hooks';
import { getApi } from '../../api/window-api';
import { useNotify } from '../../components/notify';
import { MONO } from '../../components/theme';
import { formatBytes } from './transfer-text';

const CUSTOM = 'custom';

/** FileType: the defined types in a select, a vendor type typed in full. */
export function FileTypeField({ value, onChange, oui }: { value: string; onChange(v: string): void; oui?: string }) {
  const defined = (DOWNLOAD_FILE_TYPES as readonly string[]).includes(value);
  const [custom, setCustom] = useState(!defined);
  // Just chosen ("X 00D09E "): a hint, not an error, until a name is typed.
  const started = /^X [0-9A-F]{6} ?$/.test(value);
  const bad = custom && !started && !DOWNLOAD_FILE_TYPE_RE.test(value);
  return (
    <Stack spacing={1.5}>
      <TextField select size="small" fullWidth label="File type" value={custom ? CUSTOM : value}
        onChange={(e) => {
          if (e.target.value === CUSTOM) {
            setCustom(true);
            onChange(`X ${oui && /^[0-9A-F]{6}$/.test(oui) ? oui : '000000'} `);
          } else {
            setCustom(false);
            onChange(e.target.value);
          }
        }}
        slotProps={{ htmlInput: { 'data-testid': 'file-edit-type' } }}>
        {DOWNLOAD_FILE_TYPES.map((t) => <MenuItem key={t} value={t}>{t}</MenuItem>)}
        <MenuItem value={CUSTOM}>Vendor-specific (X &lt;OUI&gt; &lt;name&gt;)</MenuItem>
      </TextField>
      {custom ? (
        <TextField size="small" fullWidth label="Vendor file type" value={value} onChange={(e) => onChange(e.target.value)} error={bad}
          helperText={bad ? '"X", the vendor\'s OUI (6 upper-case hex digits), then a name: X 00D09E Bootloader'
            : started ? 'Add a name after the OUI, e.g. X 00D09E Bootloader' : 'Sent as FileType in the Download request'}
          slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: MONO }, 'data-testid': 'file-edit-type-custom' } }} />
      ) : null}
    </Stack>
  );
}

type Form = Required<Pick<FirmwareMeta, 'name' | 'fileType' | 'oui' | 'productClass' | 'version'>>;

function formOf(f: FirmwareFile): Form {
  return { name: f.name, fileType: f.fileType, oui: f.oui ?? '', productClass: f.productClass ?? '', version: f.version ?? '' };
}

export function EditFileDialog({ file, onClose }: { file: FirmwareFile | null; onClose(): void }) {
  const notify = useNotify();
  const [form, setForm] = useState<Form | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => { setForm(file ? formOf(file) : null); setBusy(false); }, [file]);
  if (!file || !form) return null;

  const problems = fileMetaProblems(form);
  const problem = (field: keyof Form) => problems.find((p) => p.startsWith(`${field}:`))?.replace(/^\w+: /, '');
  const orig = formOf(file);
  const changed = (Object.keys(form) as (keyof Form)[]).filter((k) => form[k] !== orig[k]);
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });

  const save = async () => {
    if (problems.length || !changed.length) return;
    setBusy(true);
    try {
      const patch: FirmwareMeta = Object.fromEntries(changed.map((k) => [k, form[k].trim()]));
      await getApi().invoke('files.update', { id: file.id, ...patch });
      notify(`${form.name} updated`, 'success');
      onClose();
    } catch (err) {
      notify(`Not saved: ${errorText(err)}`, 'error');
      setBusy(false);
    }
  };

  const text = (field: 'name' | 'oui' | 'productClass' | 'version', label: string, hint: string, mono = true) => (
    <TextField size="small" fullWidth label={label} value={form[field]} error={!!problem(field)} helperText={problem(field) ?? hint}
      onChange={(e) => set({ [field]: field === 'oui' ? e.target.value.toUpperCase() : e.target.value })}
      slotProps={{ htmlInput: { spellCheck: false, style: mono ? { fontFamily: MONO } : undefined, 'data-testid': `file-edit-${field}` } }} />
  );
  return (
    <Dialog key={file.id} open onClose={onClose} maxWidth="sm" fullWidth data-testid="file-edit-dialog">
      <DialogTitle sx={{ fontSize: 17 }}>Edit file details</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {text('name', 'File name', 'The last part of the URL the CPE fetches')}
          <FileTypeField value={form.fileType} onChange={(fileType) => set({ fileType })} oui={form.oui} />
          <Stack direction="row" spacing={1.5}>
            {text('oui', 'Vendor OUI', '6 hex digits, e.g. 00D09E')}
            {text('productClass', 'Product class', 'As the device reports it')}
          </Stack>
          {text('version', 'Version it installs', 'Compared with the device\'s SoftwareVersion')}
          <Box sx={{ p: 1.25, borderRadius: 1, bgcolor: 'action.hover' }}>
            <Typography variant="caption" color="textSecondary" component="div">
              {formatBytes(file.size)} ({file.size.toLocaleString('en-US')} bytes) · SHA-256
            </Typography>
            <Typography sx={{ fontFamily: MONO, fontSize: 11.5, overflowWrap: 'anywhere' }}>{file.sha256}</Typography>
          </Box>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" onClick={() => void save()} disabled={busy || problems.length > 0 || changed.length === 0} data-testid="file-edit-save">
          Save
        </Button>
      </DialogActions>
    </Dialog>
  );
}
