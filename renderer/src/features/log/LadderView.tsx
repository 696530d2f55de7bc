// "Follow session": one CPE session from its first message (a 401, or the
// Inform) to the final 204, as a ladder between the CPE and the ACS.
import { Box, useTheme } from '@mui/material';
import type { LadderStep } from './log-model';
import { formatDelta, formatTime } from './log-model';
import { MONO } from '../../components/theme';

const STEP = 46;
const LEFT = 150;
const WIDTH = 620;
const CPE_X = LEFT + 40;
const ACS_X = WIDTH - 40;

export function LadderView({ steps, selected, onSelect }: { steps: LadderStep[]; selected?: number; onSelect: (seq: number) => void }) {
  const theme = useTheme();
  const height = 50 + steps.length * STEP;
  const line = theme.palette.text.secondary;
  return (
    <Box sx={{ overflow: 'auto', height: '100%', p: 1 }} data-testid="ladder">
      <svg width={WIDTH} height={height} style={{ fontFamily: MONO, fontSize: 12, display: 'block' }} role="img" aria-label="session ladder">
        <text x={CPE_X} y={16} textAnchor="middle" fontWeight={700} fill={theme.palette.secondary.main}>CPE</text>
        <text x={ACS_X} y={16} textAnchor="middle" fontWeight={700} fill={theme.palette.primary.main}>ACS</text>
        <line x1={CPE_X} y1={24} x2={CPE_X} y2={height - 4} stroke={line} strokeDasharray="4 4" />
        <line x1={ACS_X} y1={24} x2={ACS_X} y2={height - 4} stroke={line} strokeDasharray="4 4" />
        {steps.map((s, i) => {
          const y = 50 + i * STEP;
          const [x1, x2] = s.fromCpe ? [CPE_X, ACS_X] : [ACS_X, CPE_X];
          const color = s.bad ? theme.palette.error.main : s.fromCpe ? theme.palette.secondary.main : theme.palette.primary.main;
          const head = s.fromCpe ? `${x2 - 8},${y - 5} ${x2},${y} ${x2 - 8},${y + 5}` : `${x2 + 8},${y - 5} ${x2},${y} ${x2 + 8},${y + 5}`;
          return (
            <g key={s.seq} data-testid={`ladder-step-${s.seq}`} onClick={() => onSelect(s.seq)} style={{ cursor: 'pointer' }}>
              <rect x={0} y={y - 22} width={WIDTH} height={STEP - 2} fill={selected === s.seq ? theme.palette.action.selected : 'transparent'} />
              <text x={4} y={y - 4} fill={line}>{formatTime(s.time)}</text>
              <text x={4} y={y + 12} fill={line}>{formatDelta(s.deltaMs)}</text>
              <line x1={x1} y1={y} x2={x2} y2={y} stroke={color} strokeWidth={1.6} />
              <polygon points={head} fill={color} />
              <text x={(CPE_X + ACS_X) / 2} y={y - 6} textAnchor="middle" fill={color} fontWeight={600}>
                {s.label}{s.fault !== undefined ? ` (fault ${s.fault})` : ''}
              </text>
              <text x={(CPE_X + ACS_X) / 2} y={y + 14} textAnchor="middle" fill={line} fontSize={11}>{s.detail}</text>
            </g>
          );
        })}
      </svg>
    </Box>
  );
}
