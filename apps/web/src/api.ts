/** A small client for the API: JSON in and out, errors as ApiError with the server's code and Chinese message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'fep.token';

export function getToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}
export function setToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
  const headers: Record<string, string> = { ...init.headers };
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: 'same-origin',
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const data = text ? (JSON.parse(text) as unknown) : null;
  if (!res.ok) {
    const e = (data ?? {}) as { code?: string; message?: string; details?: unknown };
    if (res.status === 401 && token && path !== '/api/v1/auth/login') {
      setToken(null);
      window.dispatchEvent(new Event('fep:logged-out'));
    }
    throw new ApiError(res.status, e.code ?? 'UNKNOWN', e.message ?? `请求失败（${res.status}）`, e.details);
  }
  return data as T;
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/** Response shapes come from @fep/contracts (the API's own schemas); these names are kept for the pages. */
export type {
  AgencyView as Agency,
  ClockView as Clock,
  Me,
  ProvenanceView as Provenance,
  ResolvedPolicyView as ResolvedPolicy,
  ServiceGuideView as ServiceGuide,
} from '@fep/contracts';
