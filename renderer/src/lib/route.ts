// Hash routes: #/devices, #/device/<id>, #/firmware, #/settings, #/log[/<id>].
// Deep-linkable, no router dependency. Lives below features/ (not in App.tsx)
// so a page can link to another page without importing the shell.
import { useCallback, useEffect, useState } from 'react';

export type Route =
  | { page: 'devices' } | { page: 'device'; id: string } | { page: 'firmware' } | { page: 'settings' } | { page: 'log'; deviceId?: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  if (parts[0] === 'device' && parts[1]) return { page: 'device', id: decodeURIComponent(parts.slice(1).join('/')) };
  if (parts[0] === 'settings') return { page: 'settings' };
  if (parts[0] === 'firmware') return { page: 'firmware' };
  if (parts[0] === 'log') return parts[1] ? { page: 'log', deviceId: decodeURIComponent(parts.slice(1).join('/')) } : { page: 'log' };
  return { page: 'devices' };
}

export function routeHref(r: Route): string {
  if (r.page === 'device') return `#/device/${encodeURIComponent(r.id)}`;
  if (r.page === 'log' && r.deviceId) return `#/log/${encodeURIComponent(r.deviceId)}`;
  return `#/${r.page}`;
}

/** The current route and a way to go elsewhere (through the hash, so Back works). */
export function useRoute(): [Route, (r: Route) => void] {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  const go = useCallback((r: Route) => { window.location.hash = routeHref(r); }, []);
  return [route, go];
}
