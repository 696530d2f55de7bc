// Search by path or value (parameter.search, a scan of the stored table in
// the core): results as a flat list; choosing one reveals it in the tree.
import { Box, IconButton, InputBase, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import type { ParameterRecord } from '../../../../shared/model/records';
import { errorText } from '../../api/hooks';
import { getApi } from '../../api/window-api';
import { MONO } from '../../components/theme';
import { Close, Search } from '../../components/icons';

const LIMIT = 200;

export function TreeSearch({ deviceId, onReveal, onError }: {
  deviceId: string; onReveal(path: string): void; onError(msg: string): void;
}) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<ParameterRecord[] | null>(null);
  const [active, setActive] = useState<string | undefined>(undefined);
  // Closed after a pick so the revealed row is not under the list; focusing the field opens it again.
  const [open, setOpen] = useState(true);
  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) { setResults(null); return; }
    let live = true;
    const t = setTimeout(() => {
      getApi().invoke('parameter.search', { deviceId, query: q, limit: LIMIT }).then(
        (r) => { if (live) setResults(r); },
        (err: unknown) => onError(`Search failed: ${errorText(err)}`),
      );
    }, 200);
    return () => { live = false; clearTimeout(t); };
  }, [deviceId, query, onError]);

  const clear = () => { setQuery(''); setResults(null); setActive(undefined); };
  return (
    <>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, px: 1, height: 32, border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: 'background.default', flex: 1, maxWidth: 420 }}>
        <Box component="span" sx={{ color: 'text.secondary', display: 'inline-flex' }}><Search size={16} /></Box>
        <InputBase value={query} onChange={(e) => { setQuery(e.target.value); setOpen(true); }} onFocus={() => setOpen(true)} placeholder="Search path or value (e.g. SSID, 203.0.113)"
          sx={{ flex: 1, fontSize: 13 }} inputProps={{ 'data-testid': 'param-search', 'aria-label': 'search parameters', spellCheck: false }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') clear();
            // Enter shows the first match.
            if (e.key === 'Enter' && results?.[0]) { setActive(results[0].path); setOpen(false); onReveal(results[0].path); }
          }} />
        {query ? <IconButton size="small" onClick={clear} aria-label="clear search"><Close size={14} /></IconButton> : null}
      </Box>
      {results && open ? (
        <Box data-testid="search-results" sx={{
          position: 'absolute', left: 8, top: 44, zIndex: 20, width: 'min(720px, calc(100% - 16px))', maxHeight: 320, overflow: 'auto',
          bgcolor: 'background.paper', border: 1, borderColor: 'divider', borderRadius: 1, boxShadow: 6,
        }}>
          <Typography variant="caption" component="div" data-testid="search-summary" sx={{ px: 1.5, py: 0.75, color: 'text.secondary', borderBottom: 1, borderColor: 'divider' }}>
            {results.length === 0 ? 'No parameter path or value matches'
              : results.length === LIMIT ? `More than ${LIMIT} matches, the best ${LIMIT} shown (exact names first): add a word to narrow them (every word must match, e.g. “WiFi SSID”)`
              : `${results.length} ${results.length === 1 ? 'match' : 'matches'} — choose one to show it in the tree`}
          </Typography>
          {results.map((r) => (
            <Box key={r.path} component="button" type="button" data-testid={`search-result-${r.path}`}
              onClick={() => { setActive(r.path); setOpen(false); onReveal(r.path); }}
              sx={{
                display: 'flex', width: '100%', gap: 2, px: 1.5, py: 0.5, border: 0, textAlign: 'left', cursor: 'pointer', font: 'inherit',
                bgcolor: active === r.path ? 'action.selected' : 'transparent', color: 'text.primary', '&:hover': { bgcolor: 'action.hover' },
              }}>
              <Box component="span" sx={{ fontFamily: MONO, fontSize: 12, flex: '1 1 60%', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{r.path}</Box>
              <Box component="span" sx={{ fontFamily: MONO, fontSize: 12, flex: '1 1 40%', color: 'text.secondary', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                {r.object ? '' : r.value ?? ''}
              </Box>
            </Box>
          ))}
          <Box sx={{ display: 'flex', justifyContent: 'flex-end', p: 0.5 }}>
            <IconButton size="small" onClick={() => setOpen(false)} aria-label="close results"><Close size={14} /></IconButton>
          </Box>
        </Box>
      ) : null}
    </>
  );
}
