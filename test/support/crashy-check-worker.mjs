// A stand-in for electron/core/check/check-worker.ts that speaks its protocol
// (check-types.ts) but dies on '<crash/>' and hangs on '<hang/>': the
// MessageChecker's restart, blame and timeout logic is tested with it.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (msg) => {
  if (msg?.type !== 'check') return;
  if (msg.items.some((it) => it.body.includes('<crash/>'))) process.exit(3);
  if (msg.items.some((it) => it.body.includes('<hang/>'))) return; // never answers
  parentPort.postMessage({
    type: 'result', batch: msg.batch, ms: 1,
    results: msg.items.map((it) => ({ seq: it.seq, sessionId: it.sessionId, direction: it.direction, schema: { verdict: 'valid' }, modelWarnings: [] })),
  });
});
parentPort.postMessage({ type: 'ready' });
