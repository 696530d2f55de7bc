// The two command lines (the workbench's and the virtual-CPE fleet's), both on
// node:util parseArgs: values, errors in words, Electron's extra switches.
import { describe, expect, it } from 'vitest';
import { parseCliOptions, UsageError } from '../../electron/cli-options';
import { parseArgs } from '../../electron/sim/cli';

describe('workbench options', () => {
  it('reads --flag value and --flag=value', () => {
    expect(parseCliOptions(['--cwmp-port', '7600', '--cwmp-host=127.0.0.1', '--file-port', '0', '--data', '/tmp/d', '--token=t1']))
      .toEqual({ cwmpPort: 7600, cwmpHost: '127.0.0.1', fileServerPort: 0, dataDir: '/tmp/d', token: 't1' });
    expect(parseCliOptions(['-h'])).toMatchObject({ help: true });
    expect(parseCliOptions(['--new-token', '--ui-port', '0'])).toEqual({ newToken: true, uiPort: 0 });
  });
  it('refuses bad ports, unknown options and missing values, in words', () => {
    expect(() => parseCliOptions(['--cwmp-port', '70000'])).toThrow(/--cwmp-port must be a port number \(0-65535\), got "70000"/);
    expect(() => parseCliOptions(['--cwmp-prot', '1'])).toThrow(UsageError);
    expect(() => parseCliOptions(['--cwmp-prot', '1'])).toThrow(/Unknown option '--cwmp-prot'/);
    expect(() => parseCliOptions(['--data'])).toThrow(/--data/);
    expect(() => parseCliOptions(['--token='])).toThrow(/--token needs a value/);
  });
  it('under Electron skips Chromium switches and the app path', () => {
    expect(parseCliOptions(['.', '--no-sandbox', '--cwmp-port=7601'], { ignoreUnknown: true })).toEqual({ cwmpPort: 7601 });
  });
});

describe('virtual CPE fleet options', () => {
  it('reads the fleet, connection-request and quirk options', () => {
    const a = parseArgs(['--acs', 'http://127.0.0.1:9/', '--count=3', '--model', 'tr098', '--cr-port', '0', '--quirk', 'noXsiType', 'gzip', '--quirk=charset=utf-16', '--interval', '2']);
    expect(a.fleet).toMatchObject({ acsUrl: 'http://127.0.0.1:9/', count: 3, model: 'tr098', connectionRequest: { port: 0 } });
    expect(a.fleet.quirks).toMatchObject({ noXsiType: true, gzip: true, charset: 'utf-16' });
    expect(a.summaryEvery).toBe(2);
  });
  it('refuses what it cannot use', () => {
    expect(() => parseArgs(['--acs', 'not a url'])).toThrow(/--acs: not a URL/);
    expect(() => parseArgs(['--count', '0'])).toThrow(/--count needs a number >= 1/);
    expect(() => parseArgs(['--model', 'tr069'])).toThrow(/--model is tr181 or tr098/);
    expect(() => parseArgs(['--quirk', 'telepathy'])).toThrow(/telepathy/);
    expect(() => parseArgs(['stray'])).toThrow(/unexpected argument "stray"/);
    expect(() => parseArgs(['--frobnicate'])).toThrow(/Unknown option '--frobnicate'/);
  });
});
