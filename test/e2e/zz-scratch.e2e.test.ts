import { it } from 'vitest';
import { launchApp } from './support/app';
it('scratch', async () => {
  const app = await launchApp();
  try {
    let t0 = Date.now();
    const info = await app.startCpe({ model: 'tr181', scale: 13 });
    const id = info.id;
    for (;;) { if ((await app.api.invoke('device.get', { id }))?.discovery.status === 'done') break; await new Promise((r) => setTimeout(r, 200)); }
    console.log('params', (await app.api.invoke('device.get', { id }))?.parameterCount, 'discovery ms', Date.now() - t0);
    t0 = Date.now();
    await app.page.goto(`${app.uiUrl}#/device/${encodeURIComponent(id)}`);
    await app.page.getByTestId('tree-row-Device.DeviceInfo.').waitFor();
    console.log('open page -> first rows ms', Date.now() - t0);
    const cdp0 = await app.context.newCDPSession(app.page);
    await cdp0.send('Profiler.enable');
    await cdp0.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp0.send('Profiler.start');
    t0 = Date.now();
    await app.page.getByTestId('tree-expand-all').click();
    await app.page.waitForFunction(() => document.querySelectorAll('[data-testid^="tree-row-Device.Bridging.Bridge."]').length > 0 || document.querySelector('[aria-expanded="true"][data-testid="tree-row-Device.Bridging."]'), undefined, { timeout: 60_000 });
    console.log('expand all ms', Date.now() - t0);
    await app.page.waitForFunction(() => performance.getEntriesByName('param-tree:painted').length > 0);
    {
    const { profile } = await cdp0.send('Profiler.stop') as { profile: { nodes: { id: number; parent?: number; children?: number[]; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] } };
    const self = new Map<string, number>();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((sid, i) => {
      const n = byId.get(sid)!;
      const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
    });
    console.log([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${(v / 1000).toFixed(1)}ms ${k}`).join('\n'));
    }
    console.log('marks', await app.page.evaluate(() => { const d = performance.getEntriesByName('param-tree:data')[0]; const p = performance.getEntriesByName('param-tree:painted')[0]; return { data: d.startTime, painted: p.startTime, diff: p.startTime - d.startTime }; }));
    const cdp = await app.context.newCDPSession(app.page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    for (const stepPx of [100]) {
    const r = await app.page.evaluate(async (stepPx) => {
      const scroller = document.querySelector('[data-testid="param-tree"] [role="tree"] > div') as HTMLElement;
      const frames: number[] = [];
      let last = performance.now();
      const total = scroller.scrollHeight;
      return await new Promise<{ mean: number; p95: number; max: number; n: number; total: number }>((resolve) => {
        let i = 0;
        const step = () => {
          const now = performance.now();
          frames.push(now - last); last = now;
          scroller.scrollTop += stepPx;
          if (++i < 300) requestAnimationFrame(step);
          else {
            frames.shift();
            const s = [...frames].sort((a, b) => a - b);
            resolve({ mean: frames.reduce((a, b) => a + b, 0) / frames.length, p95: s[Math.floor(s.length * 0.95)], max: s[s.length - 1], n: frames.length, total });
          }
        };
        requestAnimationFrame(step);
      });
    }, stepPx);
    console.log('scroll', stepPx, JSON.stringify(r));
    }
    const { profile } = await cdp.send('Profiler.stop') as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[]; samples: number[]; timeDeltas: number[] } };
    const self = new Map<string, number>();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((sid, i) => {
      const n = byId.get(sid)!;
      const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
    });
    const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30);
    console.log(top.map(([k, v]) => `${(v / 1000).toFixed(1)}ms ${k}`).join('\n'));
    await app.page.screenshot({ path: '/tmp/scratch/big.png' });
    console.log('errors', app.consoleErrors);
  } finally { await app.close(); }
});
