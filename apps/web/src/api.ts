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

/**
 * The session is the HttpOnly cookie the server sets at login (one session for every tab and bookmark);
 * the page never holds a token. Every request carries the client header without which the server does not
 * accept the cookie for a change (a cross-site page cannot add it).
 */
const CLIENT_HEADERS = { 'x-requested-with': 'fep-web' };

/** What api.ts announces when the server refuses the session (the code says why: timed out or ended). */
export const SESSION_ENDED_EVENT = 'fep:session-ended';

/** Status 0: the request never reached the server (no network, or the server is down). */
export const OFFLINE = 'NETWORK.OFFLINE';

/**
 * Who is signed in on this page (auth.tsx sets it from the session), sent as `x-fep-session` so that the
 * field app's service worker keeps offline copies of reads per person (sw.ts), and the offline outbox
 * knows whether it may send. Not a credential: the cookie is.
 */
const TAG_KEY = 'fep.session-tag';
function storedTag(): string | null {
  try {
    return localStorage.getItem(TAG_KEY);
  } catch {
    return null;
  }
}
/** Kept across reloads: a field page reloaded offline asks for its session with the tag its copy is kept under. */
let sessionTag: string | null = typeof localStorage === 'undefined' ? null : storedTag();
export function setSessionTag(tag: string | null): void {
  sessionTag = tag;
  try {
    if (tag) localStorage.setItem(TAG_KEY, tag);
    else localStorage.removeItem(TAG_KEY);
  } catch {
    // storage refused (private mode): the tag lives as long as the page
  }
}
export function signedIn(): boolean {
  return sessionTag !== null;
}

/** `fetch`, with a lost network as an ApiError in Chinese (the browser's own "Failed to fetch" never reaches a page). */
async function reach(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, init);
  } catch {
    throw new ApiError(0, OFFLINE, navigator.onLine ? '无法连接服务器，请稍后重试' : '网络未连接（离线）', null);
  }
}

/** fetch() to the API with the session cookie and the client header; a 401 is announced (auth.tsx reacts). */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers: Record<string, string> = {
    ...CLIENT_HEADERS,
    ...(sessionTag ? { 'x-fep-session': sessionTag } : {}),
    ...(init.headers as Record<string, string>),
  };
  const res = await reach(path, { ...init, headers, credentials: 'same-origin' });
  if (res.status === 401 && path !== '/api/v1/auth/login') {
    const code = await res
      .clone()
      .json()
      .then((b: { code?: string }) => b.code ?? 'AUTH.UNAUTHENTICATED')
      .catch(() => 'AUTH.UNAUTHENTICATED');
    window.dispatchEvent(new CustomEvent(SESSION_ENDED_EVENT, { detail: { code } }));
  }
  return res;
}

async function answer<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const data = text ? (JSON.parse(text) as unknown) : null;
  if (!res.ok) {
    const e = (data ?? {}) as { code?: string; message?: string; details?: unknown };
    throw new ApiError(res.status, e.code ?? 'UNKNOWN', e.message ?? `请求失败（${res.status}）`, e.details);
  }
  return data as T;
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await apiFetch(path, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return answer<T>(res);
}

/**
 * Uploads one file (POST /api/v1/files); returns its id. With an Idempotency-Key (the phone's queued
 * photos and signatures) a repeated upload after a lost answer stores one file.
 */
export async function uploadFile(file: Blob, name: string, idempotencyKey?: string): Promise<string> {
  const form = new FormData();
  form.append('file', file, name);
  const res = await apiFetch('/api/v1/files', { method: 'POST', body: form, headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {} });
  const data = await answer<{ id?: string }>(res);
  if (!data?.id) throw new ApiError(res.status, 'UNKNOWN', '上传失败', null);
  return data.id;
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
