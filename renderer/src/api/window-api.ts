// The renderer's one way to the backend: window.api from the Electron preload,
// or, when the page is served by the headless server, the same typed API over
// a WebSocket authenticated with the token from the page URL.
import type { WorkbenchApi } from '../../../shared/api/contract';
import { createApi } from '../../../shared/api/create-api';
import { wsTransport } from '../../../shared/api/ws-transport';

let cached: WorkbenchApi | undefined;

export class NoTokenError extends Error {
  override name = 'NoTokenError';
}

export function getApi(): WorkbenchApi {
  if (cached) return cached;
  const fromPreload = (window as { api?: WorkbenchApi }).api;
  if (fromPreload) return (cached = fromPreload);
  const token = new URLSearchParams(window.location.search).get('token');
  if (!token) {
    throw new NoTokenError('No API token in the page address: open the "UI:" link the headless server printed.');
  }
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = `${scheme}//${window.location.host}/api?token=${encodeURIComponent(token)}`;
  return (cached = createApi(wsTransport(url)));
}
