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

export interface Me {
  id: string;
  username: string;
  displayName: string;
  kind: 'staff' | 'applicant';
  roles: string[];
  permissions: string[];
  agency: { id: string; name: string; regionCode: string } | null;
  usci: string | null;
  scope: string;
}

export interface Agency {
  id: string;
  parentId: string | null;
  name: string;
  shortName: string;
  level: 'corps' | 'detachment' | 'brigade';
  regionCode: string;
  path: string;
}

export interface Clock {
  id: string;
  title: string;
  targetType: string;
  targetId: string;
  unit: 'working_days' | 'calendar_days' | 'hours';
  amount: number;
  remaining: number;
  legalBasis: { document: string; clause: string | null };
  startedAt: string;
  status: 'running' | 'paused' | 'stopped';
  statusLabel: string;
  dueDate: string | null;
  dueAt: string | null;
  provisional: boolean;
  alert: 'ok' | 'due_soon' | 'overdue';
}

export interface LegalBasis {
  document: string;
  clause?: string;
}
export type Provenance =
  | { source: 'national'; legalBasis: LegalBasis }
  | { source: 'agency'; agencyName: string; regionCode: string; version: number; effectiveFrom: string; legalBasis: LegalBasis };

export interface ResolvedPolicy {
  kind: string;
  title: string;
  description: string;
  values: Record<string, unknown>;
  provenance: Record<string, Provenance>;
  versionKey: string;
  fields: Record<string, { label: string; help?: string; legalBasis: LegalBasis }>;
}

export interface ServiceGuide {
  code: string;
  name: string;
  category: string;
  summary: string;
  conditions: string[];
  materials: { name: string; mayComeLater: boolean }[];
  timeLimit: string;
  fee: string;
  visits: string;
  online: boolean;
  legalBasis: string[];
}
