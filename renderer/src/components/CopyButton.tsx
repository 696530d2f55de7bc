// Copies a text (an ACS URL, a path) with one click and says so. The
// Clipboard API needs a secure context (file:// in Electron, 127.0.0.1 in a
// browser both are); the hidden-textarea fallback covers the rest.
import { IconButton, Tooltip } from '@mui/material';
import { useState, type MouseEvent } from 'react';

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.style.position = 'fixed';
  ta.style.opacity = '0';
  document.body.appendChild(ta);
  ta.select();
  const ok = document.execCommand('copy');
  ta.remove();
  if (!ok) throw new Error('the browser refused to copy');
}

export function CopyButton({ text, label = 'Copy', testid }: { text: string; label?: string; testid?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const onClick = (e: MouseEvent) => {
    e.stopPropagation();
    copyText(text).then(() => setState('copied'), () => setState('failed'));
    setTimeout(() => setState('idle'), 1500);
  };
  const title = state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed: select the text instead' : label;
  return (
    <Tooltip title={title} placement="top">
      <IconButton size="small" onClick={onClick} aria-label={label} data-testid={testid}>
        <svg width="16" height="16" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">
          {state === 'copied' ? (
            <path d="M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4L9 16.2z" />
          ) : (
            <path d="M16 1H4a2 2 0 0 0-2 2v14h2V3h12V1zm3 4H8a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h11a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2zm0 16H8V7h11v14z" />
          )}
        </svg>
      </IconButton>
    </Tooltip>
  );
}
