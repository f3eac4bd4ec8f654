import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../../config.ts';
import { clientCertificate, fromTrustedProxy, normalizeFingerprint } from './certificates.ts';

/** MON-03 mutual TLS: which proxies are believed, and fingerprints as people copy them. */
test('MON-03 trusted proxies: addresses and CIDR ranges, IPv4-mapped IPv6 read as IPv4; a bad entry stops the start in Chinese', () => {
  const proxies = loadConfig({ FEP_TRUSTED_PROXIES: ' 10.0.0.5, 172.16.0.0/12 ,::1' }).trustedProxies;
  assert.deepEqual(proxies, ['10.0.0.5', '172.16.0.0/12', '::1']);
  assert.ok(fromTrustedProxy(proxies, '10.0.0.5'));
  assert.ok(fromTrustedProxy(proxies, '::ffff:172.20.1.2'));
  assert.ok(fromTrustedProxy(proxies, '::1'));
  assert.ok(!fromTrustedProxy(proxies, '10.0.0.6'));
  assert.ok(!fromTrustedProxy(proxies, null));
  assert.ok(!fromTrustedProxy([], '10.0.0.5'), 'none configured: none believed');
  assert.deepEqual(loadConfig({}).trustedProxies, []);
  for (const bad of ['10.0.0', '10.0.0.0/33', 'proxy.local', '10.0.0.1/8/1'])
    assert.throws(
      () => loadConfig({ FEP_TRUSTED_PROXIES: bad }),
      (e: unknown) => e instanceof ConfigError && /FEP_TRUSTED_PROXIES 须为/.test(e.message),
      bad,
    );
});

test('MON-03 fingerprints: colons and case as tools print them; anything but a SHA-256 is none', () => {
  const hex = 'ab'.repeat(32);
  assert.equal(normalizeFingerprint(hex.toUpperCase().match(/../g)!.join(':')), hex);
  assert.equal(normalizeFingerprint(` ${hex} `), hex);
  for (const bad of ['', 'ab'.repeat(20), 'zz'.repeat(32), `${hex}ab`]) assert.equal(normalizeFingerprint(bad), null, bad);
  assert.deepEqual(clientCertificate({ 'x-ssl-client-verify': 'SUCCESS', 'x-ssl-client-fingerprint': hex }, '10.0.0.5', ['10.0.0.5']), { fingerprint: hex });
  assert.deepEqual(clientCertificate({ 'x-ssl-client-verify': 'SUCCESS', 'x-ssl-client-fingerprint': hex }, '10.0.0.9', ['10.0.0.5']), {
    refused: 'untrusted_proxy',
  });
});
