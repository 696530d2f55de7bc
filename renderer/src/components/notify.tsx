// One place for messages to the user: errors where they look (a snackbar),
// never a silent console line.
import { Alert, Snackbar } from '@mui/material';
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';

type Severity = 'success' | 'info' | 'warning' | 'error';
interface Note { id: number; text: string; severity: Severity }
type Notify = (text: string, severity?: Severity) => void;

const NotifyContext = createContext<Notify>(() => undefined);

export function NotifyProvider({ children }: { children: ReactNode }) {
  const [notes, setNotes] = useState<Note[]>([]);
  const notify = useCallback<Notify>((text, severity = 'info') => {
    setNotes((prev) => [...prev.slice(-3), { id: Date.now() + Math.random(), text, severity }]);
  }, []);
  const current = notes[0];
  const close = () => setNotes((prev) => prev.slice(1));
  return (
    <NotifyContext.Provider value={notify}>
      {children}
      {/* Bottom left: the right-hand side holds the device's task panel and the Save bars, which a notice must not cover. */}
      <Snackbar open={!!current} autoHideDuration={current?.severity === 'error' ? 10_000 : 4_000} onClose={close}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}>
        {current ? (
          <Alert severity={current.severity} onClose={close} variant="filled" data-testid={`notice-${current.severity}`} sx={{ maxWidth: 560 }}>
            {current.text}
          </Alert>
        ) : undefined}
      </Snackbar>
    </NotifyContext.Provider>
  );
}

export function useNotify(): Notify {
  return useContext(NotifyContext);
}

/** For hooks that take an error callback. */
export function useErrorNotifier(): (msg: string) => void {
  const notify = useNotify();
  return useCallback((msg: string) => notify(msg, 'error'), [notify]);
}
