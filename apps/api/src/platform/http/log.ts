import type { FastifyRequest } from 'fastify';

/**
 * Query parameters whose values the access log keeps: paging and sorting, and filters whose values are fixed
 * choices. Every other value — a search term, a code, a name — may be personal data typed by a person
 * (`GET /api/v1/units?q=13800001234`) and is written as `[已隐藏]` (PIPL art. 51; 等保 8.1.4.11).
 */
const KEPT = new Set(['page', 'pageSize', 'limit', 'order', 'sort', 'mine', 'alert', 'due', 'status', 'path', 'reason', 'purpose', 'listed']);
export const REDACTED = '[已隐藏]';

/** The address of a request as the access log writes it: the path, and the query with its values hidden. */
export function redactedUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const parts = url
    .slice(at + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      if (KEPT.has(name)) return pair;
      // A parameter's name stays when it is a plain name; a name that is itself text a person typed does not.
      return `${/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(name) ? name : REDACTED}=${REDACTED}`;
    });
  return `${url.slice(0, at)}?${parts.join('&')}`;
}

/** The request serializer of the access log: method, address (query values hidden), host, client address. */
export function serializeRequest(req: FastifyRequest) {
  return {
    method: req.method,
    url: redactedUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}
