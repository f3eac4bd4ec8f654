import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { bearer, multipartFile, type TestApp, TINY_PNG } from './harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely in journey tests
export type Json = Record<string, any>;

/** One API request in-process, as a signed-in user (token) or anonymously (null); the body read loosely. */
export async function call(t: TestApp, token: string | null, method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) {
  const r = await t.app.inject({
    method: method as 'GET',
    url,
    headers: { ...(token ? bearer(token) : {}), ...headers },
    ...(payload !== undefined ? { payload: payload as string } : {}),
  });
  let body: Json = {};
  try {
    body = r.json() as Json;
  } catch {
    body = {};
  }
  return { status: r.statusCode, body, raw: r.rawPayload, headers: r.headers };
}

/** Uploads an image of its own content (content-addressed storage would otherwise return one file) and returns its id. */
export async function uploadImage(t: TestApp, token: string, name = 'doc.png'): Promise<string> {
  const mp = multipartFile(name, Buffer.concat([TINY_PNG, Buffer.from(randomUUID())]), 'image/png');
  const r = await t.app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...bearer(token), ...mp.headers }, payload: mp.payload });
  assert.equal(r.statusCode, 201, r.body);
  return (r.json() as { id: string }).id;
}

/** Uploads one image per material code and returns them as an application's `materials` (the commitment path's four by default). */
export async function uploadMaterials(
  t: TestApp,
  token: string,
  codes: readonly string[] = ['safety_rules', 'evacuation_plan', 'floor_plan', 'training_records'],
): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const code of codes) out[code] = [await uploadImage(t, token, `${code}.png`)];
  return out;
}
