import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { LoggedMessage } from '../../shared/model/records';
import { redactAuthorization, redactMessage, redactXml } from '../../shared/model/redact';

function msg(extra: Partial<LoggedMessage>): LoggedMessage {
  return {
    seq: 1, time: '2026-01-01T00:00:00.000Z', sessionId: 's1', direction: 'cpe->acs', headers: {}, body: '', size: 0,
    ...extra,
  };
}

function envelope(body: string, prefix = 'cwmp'): string {
  return `<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ` +
    `xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ` +
    `xmlns:${prefix}="urn:dslforum-org:cwmp-1-2"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
}

function pvs(name: string, value: string, p = ''): string {
  return `<${p}ParameterValueStruct><${p}Name>${name}</${p}Name>\n  <${p}Value xsi:type="xsd:string">${value}</${p}Value></${p}ParameterValueStruct>`;
}

describe('redactAuthorization', () => {
  it('keeps the scheme and masks Basic and Bearer credentials', () => {
    expect(redactAuthorization('Basic YWNzOnNlY3JldA==')).toBe('Basic ***');
    expect(redactAuthorization('Bearer abc.def.ghi')).toBe('Bearer ***');
    expect(redactAuthorization('opaque-token-without-scheme')).toBe('***');
  });

  it('keeps every Digest field but response', () => {
    const h = 'Digest username="cpe", realm="TR-069", nonce="abc123", uri="/acs", algorithm=MD5, ' +
      'response="6629fae49393a05397450978507c4ef1", qop=auth, nc=00000001, cnonce="0a4f113b"';
    expect(redactAuthorization(h)).toBe(
      'Digest username="cpe", realm="TR-069", nonce="abc123", uri="/acs", algorithm=MD5, ' +
        'response="***", qop=auth, nc=00000001, cnonce="0a4f113b"',
    );
    expect(redactAuthorization('digest username="u",response=abcdef,uri="/"')).toBe('digest username="u",response=***,uri="/"');
  });
});

describe('redactMessage', () => {
  it('masks Authorization and Proxy-Authorization in any case, not WWW-Authenticate', () => {
    const m = msg({
      headers: {
        authorization: 'Basic YWNzOnNlY3JldA==',
        'Proxy-Authorization': 'Basic cHJveHk6cHc=',
        'WWW-Authenticate': 'Digest realm="TR-069", nonce="n1", qop="auth"',
        'Content-Type': 'text/xml',
      },
    });
    const r = redactMessage(m);
    expect(r.headers).toEqual({
      authorization: 'Basic ***',
      'Proxy-Authorization': 'Basic ***',
      'WWW-Authenticate': 'Digest realm="TR-069", nonce="n1", qop="auth"',
      'Content-Type': 'text/xml',
    });
    expect(r.redacted).toBe(true);
    expect(m.headers.authorization).toBe('Basic YWNzOnNlY3JldA=='); // pure
  });

  it('returns the message itself when there is nothing secret', () => {
    const m = msg({ body: envelope(pvs('Device.DeviceInfo.SoftwareVersion', '1.0') + pvs('Device.IP.Diagnostics.IPPing.Host', 'x')) });
    expect(redactMessage(m)).toBe(m);
  });

  it('masks Password elements (Download, ChangeDUState), keeps Username and empty passwords', () => {
    const body = envelope(
      '<cwmp:Download><CommandKey>k</CommandKey><FileType>1 Firmware Upgrade Image</FileType>' +
        '<URL>http://fw.example.net/a.bin</URL><Username>fwuser</Username><Password>fw-s3cret</Password>' +
        '<FileSize>1</FileSize></cwmp:Download>' +
        '<cwmp:ChangeDUState><Operations><Op><URL>u</URL><Username>du</Username><cwmp:Password>du&amp;pw</cwmp:Password></Op>' +
        '<Op><Password></Password><Password/><Password xsi:type="xsd:string"><![CDATA[c<d]]></Password></Op></Operations></cwmp:ChangeDUState>',
    );
    const out = redactMessage(msg({ direction: 'acs->cpe', body })).body;
    expect(out).not.toContain('fw-s3cret');
    expect(out).not.toContain('du&amp;pw');
    expect(out).not.toContain('c<d');
    expect(out).toContain('<Username>fwuser</Username><Password>***</Password>');
    expect(out).toContain('<cwmp:Password>***</cwmp:Password>');
    expect(out).toContain('<Password></Password><Password/><Password xsi:type="xsd:string">***</Password>');
    expect(XMLValidator.validate(out)).toBe(true);
  });

  it('masks secret parameter values in any prefix and keeps the others', () => {
    const secrets = [
      'Device.ManagementServer.ConnectionRequestPassword',
      'Device.ManagementServer.Password',
      'Device.WiFi.AccessPoint.1.Security.KeyPassphrase',
      'Device.WiFi.AccessPoint.1.Security.SAEPassphrase',
      'Device.WiFi.AccessPoint.1.Security.PreSharedKey',
      'Device.WiFi.AccessPoint.1.Security.RadiusSecret',
      'InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.PreSharedKey.1.PreSharedKey',
      'InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.WEPKey.2.WEPKey',
      'InternetGatewayDevice.Services.VoiceService.1.VoiceProfile.1.Line.1.SIP.AuthPassword',
      'Device.X_EXAMPLE_SIM.PIN',
    ];
    const keep = [
      ['Device.ManagementServer.ConnectionRequestUsername', 'cr-user'],
      ['Device.WiFi.SSID.1.SSID', 'HomeNet'],
      ['Device.X_EXAMPLE.PasswordLength', '12'],
      ['Device.ManagementServer.ParameterKey', 'pk-1'],
      ['Device.WiFi.AccessPoint.1.Security.ModeEnabled', 'WPA2-Personal'],
      ['InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.PreSharedKey.1.KeyPassphraseEnabled', 'true'],
    ];
    const list = secrets.map((n, i) => pvs(n, `secret-value-${i}`, i % 2 ? 'cwmp:' : '')).join('') +
      keep.map(([n, v]) => pvs(n!, v!)).join('') + pvs('Device.Users.User.1.Password', '');
    const body = envelope(`<cwmp:GetParameterValuesResponse><ParameterList>${list}</ParameterList></cwmp:GetParameterValuesResponse>`);
    const r = redactMessage(msg({ body }));
    expect(r.redacted).toBe(true);
    expect(r.body).not.toMatch(/secret-value-/);
    expect(r.body.match(/>\*\*\*</g)).toHaveLength(secrets.length);
    for (const n of secrets) expect(r.body).toContain(`${n}</`);
    for (const [, v] of keep) expect(r.body).toContain(`>${v}</`);
    expect(XMLValidator.validate(r.body)).toBe(true);
  });

  it('never lets a self-closing Value swallow the next struct', () => {
    const body = envelope(
      '<ParameterList><ParameterValueStruct><Name>Device.A.Password</Name><Value xsi:type="xsd:string"/></ParameterValueStruct>' +
        pvs('Device.B.SSID', 'visible') + '</ParameterList>',
    );
    const out = redactXml(body);
    expect(out).toBe(body);
    // SetParameterValues with the secret in CDATA.
    const spv = envelope(`<cwmp:SetParameterValues><ParameterList>${pvs('Device.A.KeyPassphrase', '<![CDATA[p<w>]]>')}</ParameterList></cwmp:SetParameterValues>`);
    expect(redactXml(spv)).not.toContain('p<w>');
    expect(XMLValidator.validate(redactXml(spv))).toBe(true);
  });

  it('masks passwords in URLs (request URL and bodies)', () => {
    const r = redactMessage(msg({
      url: 'http://admin:hunter2@192.0.2.1:7547/cr',
      body: envelope('<cwmp:Download><URL>ftp://fw:p4ss@files.example.net/fw.bin</URL></cwmp:Download>'),
    }));
    expect(r.url).toBe('http://admin:***@192.0.2.1:7547/cr');
    expect(r.body).toContain('ftp://fw:***@files.example.net/fw.bin');
    expect(redactXml('see http://host:8080/path@x and mailto:a@b')).toBe('see http://host:8080/path@x and mailto:a@b');
  });

  it('redacts the repository sample Inform without touching anything else', async () => {
    const file = join(import.meta.dirname, '../fixtures/samples/valid-inform-bootstrap-boot.xml');
    const body = await readFile(file, 'utf8');
    const out = redactXml(body);
    expect(XMLValidator.validate(out)).toBe(true);
    expect(out.length).toBeLessThanOrEqual(body.length);
  });

  it('is fast on a 16 MB GetParameterValuesResponse (timing reported, not asserted)', () => {
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 16 * 1024 * 1024; i++) {
      const p = i % 5000 === 0
        ? pvs(`Device.WiFi.AccessPoint.${i}.Security.KeyPassphrase`, 'wifi-secret')
        : pvs(`Device.Hosts.Host.${i}.HostName`, `host-${i}`);
      parts.push(p);
      size += p.length;
    }
    const body = envelope(`<cwmp:GetParameterValuesResponse><ParameterList>${parts.join('')}</ParameterList></cwmp:GetParameterValuesResponse>`);
    let t = performance.now();
    const out = redactXml(body);
    const withSecrets = performance.now() - t;
    const clean = body.replace(/KeyPassphrase/g, 'HostNameX').replace(/wifi-secret/g, 'plain');
    t = performance.now();
    redactXml(clean.replace(/PIN|Pin|pin|ping/gi, 'xx'));
    const noHint = performance.now() - t;
    expect(out).not.toContain('wifi-secret');
    expect(out.length).toBeLessThan(body.length);
    console.log(`redact 16 MB: ${withSecrets.toFixed(0)} ms with secrets, ${noHint.toFixed(0)} ms when the pre-check skips it`);
  });
});
