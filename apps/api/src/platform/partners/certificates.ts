import { X509Certificate } from 'node:crypto';
import { BlockList, isIP } from 'node:net';

/**
 * Mutual TLS behind the proxy (MON-03): the proxy (nginx `ssl_verify_client on`) terminates TLS, verifies the
 * partner's client certificate against the CA bundle it was given, and forwards what it found in headers:
 * `X-SSL-Client-Verify` (nginx `$ssl_client_verify`: SUCCESS, FAILED:<reason> or NONE) and the certificate —
 * `X-SSL-Client-Cert` (nginx `$ssl_client_escaped_cert`, the URL-encoded PEM; the API takes its SHA-256) or
 * `X-SSL-Client-Fingerprint` (a proxy that computes the SHA-256 itself, e.g. HAProxy `ssl_c_der,sha2(256),hex`).
 *
 * Anyone can send those headers: they are believed only from a connection whose peer address (the socket's, never
 * X-Forwarded-For) is one of FEP_TRUSTED_PROXIES, and only when the proxy says the verification succeeded.
 */

/** A fingerprint as people copy it (`AB:CD:…`, any case) → 64 lowercase hex; null when it is not a SHA-256. */
export function normalizeFingerprint(s: string): string | null {
  const hex = s.trim().replace(/:/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

const lists = new WeakMap<readonly string[], BlockList>();
function listOf(proxies: readonly string[]): BlockList {
  let l = lists.get(proxies);
  if (!l) {
    l = new BlockList();
    for (const p of proxies) {
      const [address = '', bits] = p.split('/');
      const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (bits === undefined) l.addAddress(address, type);
      else l.addSubnet(address, Number(bits), type);
    }
    lists.set(proxies, l);
  }
  return l;
}

/** Whether the connection's peer is a configured trusted proxy (an IPv4-mapped IPv6 peer read as IPv4). */
export function fromTrustedProxy(proxies: readonly string[], peer: string | null): boolean {
  if (!peer || !proxies.length) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(peer);
  const address = mapped ? mapped[1]! : peer;
  const family = isIP(address);
  if (!family) return false;
  return listOf(proxies).check(address, family === 6 ? 'ipv6' : 'ipv4');
}

export type ClientCertificate =
  | { fingerprint: string }
  /** Why no certificate is believed: not from a trusted proxy, not verified by it, none sent, or unreadable. */
  | { refused: 'untrusted_proxy' | 'not_verified' | 'no_certificate' | 'malformed' };

const one = (h: Record<string, string | string[] | undefined>, name: string) => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

/** The verified client certificate's SHA-256 the trusted proxy forwarded with this request. */
export function clientCertificate(headers: Record<string, string | string[] | undefined>, peer: string | null, proxies: readonly string[]): ClientCertificate {
  if (!fromTrustedProxy(proxies, peer)) return { refused: 'untrusted_proxy' };
  const verify = one(headers, 'x-ssl-client-verify');
  if (verify !== 'SUCCESS') return { refused: verify && verify !== 'NONE' ? 'not_verified' : 'no_certificate' };
  const pem = one(headers, 'x-ssl-client-cert');
  const given = one(headers, 'x-ssl-client-fingerprint');
  let fromPem: string | null = null;
  if (pem) {
    try {
      fromPem = normalizeFingerprint(new X509Certificate(decodeURIComponent(pem)).fingerprint256);
    } catch {
      return { refused: 'malformed' };
    }
  }
  const fromHeader = given ? normalizeFingerprint(given) : null;
  if (given && !fromHeader) return { refused: 'malformed' };
  // Both sent: they must name the same certificate.
  if (fromPem && fromHeader && fromPem !== fromHeader) return { refused: 'malformed' };
  const fingerprint = fromPem ?? fromHeader;
  return fingerprint ? { fingerprint } : { refused: 'no_certificate' };
}
