import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { completeUsci } from '@fep/domain';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json } from '../../test-support/http.ts';
import { PartnerSimulator } from '../../test-support/partners.ts';

/**
 * MON-03 mutual TLS behind the proxy: a partner registered with its client certificate's SHA-256 fingerprint calls
 * with its key id only; the proxy (nginx `ssl_verify_client on`) vouches for the certificate in X-SSL-Client-*
 * headers, believed only from a configured trusted proxy (FEP_TRUSTED_PROXIES, the socket's address) and only when
 * it says the verification succeeded. Every refusal is PARTNER.CERTIFICATE_INVALID and is in the inbound log.
 */
/** A self-signed test certificate (no key kept); its SHA-256 as `openssl x509 -noout -fingerprint -sha256` prints it. */
const CERT = `-----BEGIN CERTIFICATE-----
MIIBkDCCATegAwIBAgIUUzx/DOqE+F4GcI8XYAIX2lkXv14wCgYIKoZIzj0EAwIw
HTEbMBkGA1UEAwwSZmVwLXRlc3QtcGFydG5lci1hMCAXDTI2MTIwNzEyMzUyNVoY
DzIxMjYxMTEzMTIzNTI1WjAdMRswGQYDVQQDDBJmZXAtdGVzdC1wYXJ0bmVyLWEw
WTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQy9L4cCzcqCTSVyyG41cig1X3uUpdi
9XqA3NxX/MikM+OO2xZgGaUVzKvHA1gbskGNWPYysnOabmHqDAEWhQQFo1MwUTAd
BgNVHQ4EFgQUbqNEEMYP5KdiwRmDVptH34qnR8owHwYDVR0jBBgwFoAUbqNEEMYP
5KdiwRmDVptH34qnR8owDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNHADBE
AiBfRRFnhDckBWqq9vd3Kr8Y/4iB3Cni6okEuvLx5C+l7AIgPpNeFn4o5L6krL99
hOnTOOMxmAQi56fUhl1Ec2hBiMo=
-----END CERTIFICATE-----`;
const CERT_SHA256 = '50:9D:B1:B6:A5:83:6E:44:0D:E3:5F:B7:A6:11:9D:03:E2:2A:E0:88:66:E0:DA:71:C3:A7:90:2D:5B:2D:52:97';
const OTHER_SHA256 = 'd4106d83ad5280ff5ac9b0e10a28c4af026190524288bed37154867972e71ce4';
const PROXY = '10.20.0.5';
const N = 20;

for (const database of DATABASES) {
  describe(`partner gateway: mutual TLS behind the proxy [${database}]`, () => {
    let t: TestApp;
    let admin: string;
    let partner: Json;
    before(async () => {
      t = await startTestApp(database, { env: { FEP_TRUSTED_PROXIES: '10.20.0.0/16,::1' } });
      admin = await t.login('admin.440106');
      const r = await call(t, admin, 'POST', '/api/v1/gateway/partners', {
        kind: 'elicence_sharing',
        name: '电子证照共享（双向认证）',
        scopes: ['elicence.read'],
        clientCertSha256: CERT_SHA256,
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      partner = r.body;
    });
    after(() => t.close());

    const url = `/api/v1/partners/elicence/licences?usci=${completeUsci('91440106MA5C0GW01')}`;
    const send = (headers: Record<string, string>, remoteAddress = PROXY, path = url) =>
      t.app.inject({ method: 'GET', url: path, headers: { 'x-partner-key': partner.keyId, ...headers }, remoteAddress });
    const verified = { 'x-ssl-client-verify': 'SUCCESS', 'x-ssl-client-cert': encodeURIComponent(CERT) };
    const refusedWith = async (r: Awaited<ReturnType<typeof send>>, reason: string) => {
      assert.equal(r.statusCode, 401, r.body);
      const body = r.json() as Json;
      assert.equal(body.code, 'PARTNER.CERTIFICATE_INVALID');
      assert.match(body.message, /客户端证书/);
      assert.equal(body.details.reason, reason);
    };

    test('MON-03 the fingerprint is stored as SHA-256 hex; a malformed one is refused in Chinese, nothing written', async () => {
      assert.equal(partner.clientCertSha256, CERT_SHA256.replaceAll(':', '').toLowerCase());
      assert.equal(partner.authLabel, '双向 TLS 客户端证书');
      const before = (await call(t, admin, 'GET', '/api/v1/gateway/partners')).body.items.length;
      for (const bad of ['abc', 'zz'.repeat(32), `${'0'.repeat(63)}`, `${CERT_SHA256}:00`]) {
        const r = await call(t, admin, 'POST', '/api/v1/gateway/partners', {
          kind: 'elicence_sharing',
          name: '格式错误',
          scopes: ['elicence.read'],
          clientCertSha256: bad,
        });
        assert.deepEqual([r.status, r.body.code, r.body.details?.field], [400, 'PARTNER.INVALID', 'clientCertSha256'], bad);
        assert.match(r.body.message, /SHA-256 指纹/);
      }
      assert.equal((await call(t, admin, 'GET', '/api/v1/gateway/partners')).body.items.length, before);
    });

    test('MON-03 a call through the trusted proxy with the registered certificate is accepted (PEM or fingerprint header), still under its scopes', async () => {
      const ok = await send(verified);
      assert.equal(ok.statusCode, 200, ok.body);
      // No nonce: the same request again is a new TLS exchange of the certificate's holder (docs/partners.md).
      assert.equal((await send(verified)).statusCode, 200);
      const byFingerprint = await send({ 'x-ssl-client-verify': 'SUCCESS', 'x-ssl-client-fingerprint': CERT_SHA256.replaceAll(':', '') });
      assert.equal(byFingerprint.statusCode, 200, byFingerprint.body);
      // Over IPv6 loopback, a trusted address too.
      assert.equal((await send(verified, '::1')).statusCode, 200);
      const out = await send(verified, PROXY, '/api/v1/partners/random-inspection/export?from=2026-01-01&to=2026-01-31');
      assert.deepEqual([out.statusCode, (out.json() as Json).code], [403, 'PARTNER.SCOPE_DENIED']);
    });

    test('MON-03 the certificate headers are not believed from anywhere but the trusted proxy, nor unverified, nor for another certificate', async () => {
      // A client reaching the API directly and claiming the proxy's address in X-Forwarded-For.
      await refusedWith(await send({ ...verified, 'x-forwarded-for': PROXY }, '192.0.2.7'), 'untrusted_proxy');
      await refusedWith(await send({ 'x-ssl-client-verify': 'FAILED:certificate has expired', 'x-ssl-client-cert': encodeURIComponent(CERT) }), 'not_verified');
      await refusedWith(await send({ 'x-ssl-client-verify': 'NONE' }), 'no_certificate');
      await refusedWith(await send({}), 'no_certificate');
      await refusedWith(await send({ 'x-ssl-client-verify': 'SUCCESS', 'x-ssl-client-fingerprint': OTHER_SHA256 }), 'fingerprint_mismatch');
      await refusedWith(await send({ 'x-ssl-client-verify': 'SUCCESS', 'x-ssl-client-cert': 'not-a-certificate' }), 'malformed');
      await refusedWith(await send({ ...verified, 'x-ssl-client-fingerprint': OTHER_SHA256 }), 'malformed');
      // A signed call does not stand in for the certificate the administrator registered.
      const sim = new PartnerSimulator(t);
      sim.keyId = partner.keyId;
      sim.secret = partner.secret;
      const signed = await sim.send(sim.signed('GET', url));
      assert.deepEqual([signed.status, signed.body.code], [401, 'PARTNER.CERTIFICATE_INVALID']);
      const log = await call(t, admin, 'GET', '/api/v1/gateway/inbound-refusals');
      const reasons = (log.body.items as Json[]).filter((x) => x.code === 'PARTNER.CERTIFICATE_INVALID').map((x) => x.reason);
      for (const r of ['untrusted_proxy', 'not_verified', 'no_certificate', 'fingerprint_mismatch', 'malformed'])
        assert.ok(reasons.includes(r), `${r} recorded`);
      assert.ok((log.body.items as Json[]).every((x) => x.partnerName === partner.name || x.code !== 'PARTNER.CERTIFICATE_INVALID'));
    });

    test('MON-03 the administrator sets, refuses to re-set and clears the fingerprint; cleared, the partner signs again', async () => {
      const current = (await call(t, admin, 'GET', '/api/v1/gateway/partners')).body.items.find((p: Json) => p.id === partner.id);
      const put = (body: Json) => call(t, admin, 'PUT', `/api/v1/gateway/partners/${partner.id}/certificate`, body);
      const same = await put({ version: current.version, clientCertSha256: CERT_SHA256 });
      assert.deepEqual([same.status, same.body.code], [409, 'PARTNER.UNCHANGED']);
      const bad = await put({ version: current.version, clientCertSha256: 'xyz' });
      assert.deepEqual([bad.status, bad.body.code], [400, 'PARTNER.INVALID']);
      assert.match(bad.body.message, /SHA-256 指纹/);
      const moved = await put({ version: current.version, clientCertSha256: OTHER_SHA256.toUpperCase() });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.equal(moved.body.clientCertSha256, OTHER_SHA256);
      await refusedWith(await send(verified), 'fingerprint_mismatch');
      const stale = await put({ version: current.version, clientCertSha256: null });
      assert.deepEqual([stale.status, stale.body.code], [409, 'PARTNER.STATE']);
      const cleared = await put({ version: moved.body.version, clientCertSha256: null });
      assert.equal(cleared.status, 200, JSON.stringify(cleared.body));
      assert.equal(cleared.body.clientCertSha256, null);
      assert.equal(cleared.body.authLabel, '请求签名');
      const sim = new PartnerSimulator(t);
      sim.keyId = partner.keyId;
      sim.secret = partner.secret;
      const signed = await sim.send(sim.signed('GET', url));
      assert.equal(signed.status, 200, JSON.stringify(signed.body));
      // 20 identical requests at once set it once: one answer 200, the others find the version moved.
      const rs = await Promise.all(Array.from({ length: N }, () => put({ version: cleared.body.version, clientCertSha256: CERT_SHA256 })));
      assert.equal(rs.filter((r) => r.status === 200).length, 1, JSON.stringify(rs.map((r) => [r.status, r.body.code])));
      assert.ok(rs.every((r) => r.status === 200 || r.body.code === 'PARTNER.STATE' || r.body.code === 'PARTNER.UNCHANGED'));
      const audits = await t.ctx.database.db
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'partner.set_certificate')
        .where('target_id', '=', partner.id)
        .execute();
      assert.equal(audits.length, 3);
      assert.equal((await send(verified)).statusCode, 200);
    });
  });
}
