// The one digest module (electron/lib/auth/digest.ts) against RFC 7616:
// the §3.9.1 vectors, the -sess and RFC 2069 forms computed independently,
// header parsing edge cases, challenge choice, and the server's nonces
// (expiry → stale=true, nonce counts that only go up).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  basicAuthorization, checkBasic, chooseChallenge, ClientAuth, digestAlgorithm, digestAuthorization, digestResponse,
  DigestServer, parseAuthHeader, safeEqual,
} from '../../electron/lib/auth/digest';

// RFC 7616 §3.9.1.
const RFC = {
  username: 'Mufasa', password: 'Circle of Life', realm: 'http-auth@example.org', method: 'GET', uri: '/dir/index.html',
  nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v', cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
  nc: '00000001', qop: 'auth', opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
};
const RFC_CHALLENGES = [
  `Digest realm="${RFC.realm}", qop="auth, auth-int", algorithm=SHA-256, nonce="${RFC.nonce}", opaque="${RFC.opaque}"`,
  `Digest realm="${RFC.realm}", qop="auth, auth-int", algorithm=MD5, nonce="${RFC.nonce}", opaque="${RFC.opaque}"`,
];
const h = (alg: 'md5' | 'sha256', s: string) => createHash(alg).update(s).digest('hex');

describe('digest arithmetic (RFC 7616 §3.4.1, §3.9.1)', () => {
  it('the RFC example: MD5 and SHA-256', () => {
    expect(digestResponse({ ...RFC, algorithm: 'MD5' })).toBe('8ca523f5e9506fed4657c9700eebdbec');
    expect(digestResponse({ ...RFC, algorithm: 'SHA-256' })).toBe('753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
    // No algorithm parameter means MD5 (§3.3).
    expect(digestResponse(RFC)).toBe('8ca523f5e9506fed4657c9700eebdbec');
  });

  it('-sess variants fold both nonces into HA1 (§3.4.2)', () => {
    for (const [alg, name] of [['md5', 'MD5-sess'], ['sha256', 'SHA-256-sess']] as const) {
      const ha1 = h(alg, `${h(alg, `${RFC.username}:${RFC.realm}:${RFC.password}`)}:${RFC.nonce}:${RFC.cnonce}`);
      const ha2 = h(alg, `${RFC.method}:${RFC.uri}`);
      const want = h(alg, `${ha1}:${RFC.nonce}:${RFC.nc}:${RFC.cnonce}:auth:${ha2}`);
      expect(digestResponse({ ...RFC, algorithm: name })).toBe(want);
      expect(digestResponse({ ...RFC, algorithm: name.toLowerCase() })).toBe(want);
    }
  });

  it('the RFC 2069 form when there is no qop', () => {
    const ha1 = h('md5', `${RFC.username}:${RFC.realm}:${RFC.password}`);
    const want = h('md5', `${ha1}:${RFC.nonce}:${h('md5', `${RFC.method}:${RFC.uri}`)}`);
    expect(digestResponse({ ...RFC, qop: undefined, nc: undefined, cnonce: undefined })).toBe(want);
  });

  it('an algorithm it does not implement is an error, not MD5 in disguise', () => {
    expect(() => digestResponse({ ...RFC, algorithm: 'SHA-512-256' })).toThrow(/SHA-512-256 is not implemented/);
    expect(digestAlgorithm(undefined)).toBe('MD5');
    expect(digestAlgorithm('sha-256')).toBe('SHA-256');
    expect(digestAlgorithm('SHA-512-256')).toBeUndefined();
  });

  it('the client answers the RFC challenge with the RFC response', () => {
    const choice = chooseChallenge(RFC_CHALLENGES);
    expect(choice.digest?.algorithm).toBe('SHA-256');
    const a = digestAuthorization({ ...choice.digest!, username: RFC.username, password: RFC.password, method: 'GET', uri: RFC.uri, nc: 1, cnonce: RFC.cnonce });
    const p = parseAuthHeader(a)[0]!.params;
    expect(p).toMatchObject({
      username: 'Mufasa', realm: RFC.realm, uri: RFC.uri, algorithm: 'SHA-256', nc: '00000001', qop: 'auth', cnonce: RFC.cnonce,
      opaque: RFC.opaque, response: '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
    });
  });
});

describe('header parsing (RFC 7235 §2.1, §4.1)', () => {
  it('several challenges in one header, quoted commas and escapes, token68, repeats ignored', () => {
    const c = parseAuthHeader('Basic realm="a, \\"b\\"", DIGEST Realm="r", nonce=abc , qop="auth,auth-int", stale=TRUE, nonce="second", Negotiate');
    expect(c.map((x) => x.scheme)).toEqual(['Basic', 'DIGEST', 'Negotiate']);
    expect(c[0]!.params).toEqual({ realm: 'a, "b"' });
    expect(c[1]!.params).toEqual({ realm: 'r', nonce: 'abc', qop: 'auth,auth-int', stale: 'TRUE' });
    expect(parseAuthHeader('Basic dXNlcjpw==, Digest realm="x"')).toEqual([
      { scheme: 'Basic', params: {}, token68: 'dXNlcjpw==' }, { scheme: 'Digest', params: { realm: 'x' } },
    ]);
    expect(parseAuthHeader(['Digest realm="one"', 'Basic realm="two"']).map((x) => x.params.realm)).toEqual(['one', 'two']);
    expect(parseAuthHeader(undefined)).toEqual([]);
    expect(parseAuthHeader(' , ="x"')).toEqual([]);
  });

  it('choice: Digest over Basic, SHA-256 over MD5 wherever listed; what cannot be answered is said', () => {
    const both = chooseChallenge('Basic realm="b", Digest realm="d", nonce="n", algorithm=MD5, qop="auth"');
    expect(both.digest?.algorithm).toBe('MD5');
    expect(both.basic).toEqual({ realm: 'b' });
    expect(chooseChallenge([...RFC_CHALLENGES].reverse()).digest?.algorithm).toBe('SHA-256');
    expect(chooseChallenge('Digest realm="d", nonce="n", algorithm=MD5-sess, Digest realm="d", nonce="m", algorithm=MD5').digest?.algorithm).toBe('MD5-sess');
    const none = chooseChallenge('Digest realm="d", nonce="n", algorithm=SHA-512-256, Digest realm="d", nonce="m", qop="auth-int"');
    expect(none.digest).toBeUndefined();
    expect(none.unsupported).toEqual([{ algorithm: 'SHA-512-256' }, { qop: 'auth-int' }]);
  });
});

describe('Basic (RFC 7617) and constant-time compare', () => {
  it('round trip, wrong and malformed credentials', () => {
    const creds = { username: 'acs', password: 'p:ss wörd' };
    expect(checkBasic(basicAuthorization('acs', 'p:ss wörd'), creds)).toBe(true);
    expect(checkBasic(basicAuthorization('acs', 'p:ss'), creds)).toBe(false);
    expect(checkBasic('Basic !!!', creds)).toBe(false);
    expect(checkBasic(undefined, creds)).toBe(false);
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});

describe('server nonces (RFC 7616 §3.3, §3.4.6)', () => {
  const creds = { username: 'cpe', password: 's3cret' };
  const sign = (challenge: string, nc = 1, uri = '/cr/x') => {
    const d = chooseChallenge(challenge).digest!;
    return digestAuthorization({ ...d, ...creds, method: 'GET', uri, nc });
  };
  const check = (s: DigestServer, header: string, o: { algorithm?: 'MD5' | 'SHA-256-sess'; password?: string; requireQop?: boolean } = {}) =>
    s.verify({ header, method: 'GET', uri: '/cr/x', realm: 'r', algorithm: o.algorithm, username: 'cpe', password: o.password ?? 's3cret', requireQop: o.requireQop });

  it('accepts a right answer once per nonce count; a replay or a wrong password is refused, not stale', () => {
    const s = new DigestServer();
    const c = s.challenge({ realm: 'r', algorithm: 'SHA-256-sess' });
    expect(c).toMatch(/^Digest realm="r", qop="auth", nonce="[0-9a-f]{32}", algorithm=SHA-256-sess$/);
    const first = sign(c, 1);
    expect(check(s, first, { algorithm: 'SHA-256-sess', password: 'wrong' })).toEqual({ ok: false, reason: 'wrong password (Digest response does not match)' });
    expect(check(s, first, { algorithm: 'SHA-256-sess' })).toEqual({ ok: true });
    expect(check(s, first, { algorithm: 'SHA-256-sess' })).toEqual({ ok: false, reason: 'replayed nonce count' });
    expect(check(s, sign(c, 2), { algorithm: 'SHA-256-sess' })).toEqual({ ok: true });
    // Signed for MD5 where SHA-256-sess was asked, or for another uri: refused.
    expect(check(s, sign(c, 3))).toMatchObject({ ok: false, reason: 'algorithm SHA-256-sess where MD5 was asked' });
    expect(check(s, sign(c, 3, '/cr/y'), { algorithm: 'SHA-256-sess' })).toMatchObject({ ok: false, reason: 'uri does not match the request' });
    // The absolute form names the same resource.
    expect(check(s, sign(c, 4, 'http://127.0.0.1:7547/cr/x'), { algorithm: 'SHA-256-sess' })).toEqual({ ok: true });
  });

  it('an expired or unknown nonce with a right answer is stale=true; the client retries without counting a failure', async () => {
    const s = new DigestServer({ ttlMs: 1 });
    const c = s.challenge({ realm: 'r' });
    await new Promise((r) => setTimeout(r, 10));
    expect(check(s, sign(c))).toEqual({ ok: false, reason: 'stale nonce', stale: true });
    const other = new DigestServer().challenge({ realm: 'r' });
    expect(check(new DigestServer(), sign(other))).toMatchObject({ stale: true });
    const client = new ClientAuth('cpe', 's3cret');
    expect(client.accept(c)).toBe(true);
    expect(client.accept(s.challenge({ realm: 'r', stale: true }))).toBe(true);
    expect(client.accept(s.challenge({ realm: 'r', stale: true }))).toBe(true);
    // A plain challenge after one answer: the credentials were refused, stop.
    expect(client.accept(s.challenge({ realm: 'r' }))).toBe(false);
  });

  it('the RFC 2069 form: taken unless qop is required, and then its nonce is good once', () => {
    const s = new DigestServer();
    const c = s.challenge({ realm: 'r' }).replace(/qop="auth", /, '');
    const legacy = sign(c);
    expect(legacy).not.toMatch(/qop=|nc=/);
    expect(check(s, legacy, { requireQop: true })).toMatchObject({ ok: false, reason: 'qop=auth with nc and cnonce is required' });
    expect(check(s, legacy)).toEqual({ ok: true });
    expect(check(s, legacy)).toMatchObject({ ok: false, reason: 'replayed nonce count' });
  });

  it('opaque must come back; nonces are bounded', () => {
    const s = new DigestServer({ opaque: true, maxNonces: 5 });
    const c = s.challenge({ realm: 'r' });
    expect(check(s, sign(c).replace(/, opaque="[^"]*"/, ''))).toMatchObject({ ok: false, reason: 'opaque does not match' });
    expect(check(s, sign(c))).toEqual({ ok: true });
    for (let i = 0; i < 50; i++) s.challenge({ realm: 'r' });
    expect(s.size).toBeLessThanOrEqual(5);
    expect(check(s, 'Basic dXNlcjpwYXNz')).toMatchObject({ ok: false, reason: 'expected Digest, got Basic' });
    expect(check(s, '')).toMatchObject({ ok: false, reason: 'no credentials' });
  });
});
