// acs.info (listener address, ACS URLs, data folder), fetched once and again
// whenever settings change (settings.updated is pushed after the listener
// moved), so every screen shows the URL a CPE can really reach.
import { useEffect, useState } from 'react';
import type { AcsInfo } from '../../../shared/api/contract';
import { errorText } from './hooks';
import { getApi } from './window-api';

export function useAcsInfo(onError: (msg: string) => void): AcsInfo | undefined {
  const [info, setInfo] = useState<AcsInfo>();
  useEffect(() => {
    const api = getApi();
    let live = true;
    const load = () =>
      api.invoke('acs.info', {}).then(
        (i) => { if (live) setInfo(i); },
        (err: unknown) => onError(`acs.info: ${errorText(err)}`),
      );
    const off = api.on('settings.updated', () => void load());
    void load();
    return () => {
      live = false;
      off();
    };
  }, [onError]);
  return info;
}
