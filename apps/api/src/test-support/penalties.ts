import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { CaseView } from '@fep/contracts';
import { bearer, multipartFile, type TestApp, TINY_PNG } from './harness.ts';
import type { Json } from './http.ts';

/**
 * A penalty case of applicant.211000's unit taken to a served fine (ENF-01 … ENF-04): opened by the two
 * inspectors, filed, evidence, notice (a fine below the hearing threshold: no hearing window to wait for),
 * legal review passed, decided by the approver, served today. API tests pass their test app; browser tests
 * their product and a sign-in.
 */
export async function servedFine(t: Pick<TestApp, 'app' | 'ctx' | 'login'>, fine = 20000): Promise<CaseView> {
  const decided = await decidedFine(t, fine);
  const tok = await t.login('inspector.211000');
  const r = await t.app.inject({
    method: 'POST',
    url: `/api/v1/enforcement/cases/${decided.id}/service`,
    headers: bearer(tok),
    payload: { method: 'in_person', servedAt: decided.decision!.decidedOn } as unknown as string,
  });
  assert.equal(r.statusCode, 200, r.body);
  return r.json() as CaseView;
}

/** The same case decided by the approver and not yet served. */
export async function decidedFine(t: Pick<TestApp, 'app' | 'ctx' | 'login'>, fine = 20000): Promise<CaseView> {
  const tok: Record<string, string> = {};
  for (const u of ['inspector.211000', 'approver.211000', 'legal_reviewer.211000']) tok[u] = await t.login(u);
  const db = t.ctx.database.db;
  const usci = (await db.selectFrom('users').select('usci').where('username', '=', 'applicant.211000').executeTakeFirstOrThrow()).usci!;
  const co = (await db.selectFrom('users').select('id').where('username', '=', 'inspector2.211000').executeTakeFirstOrThrow()).id;
  const ok = async (who: string, url: string, payload?: unknown, status = 200): Promise<Json> => {
    const r = await t.app.inject({ method: 'POST', url, headers: bearer(tok[who]!), ...(payload !== undefined ? { payload: payload as string } : {}) });
    assert.equal(r.statusCode, status, `${url} as ${who}: ${r.body}`);
    return r.json() as Json;
  };
  const c = await ok(
    'inspector.211000',
    '/api/v1/enforcement/cases',
    {
      regionCode: '211000',
      party: { kind: 'unit', usci, name: '辽阳市白塔区星光网吧' },
      violationCode: 'XFF-60-1-3',
      facts: '营业期间二层安全出口被锁闭',
      circumstances: {},
      coOfficerId: co,
    },
    201,
  );
  const url = (step: string) => `/api/v1/enforcement/cases/${c.id}/${step}`;
  await ok('approver.211000', url('filing'), { approve: true });
  const mp = multipartFile('scene.png', Buffer.concat([TINY_PNG, Buffer.from(randomUUID())]), 'image/png');
  const up = await t.app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...bearer(tok['inspector.211000']!), ...mp.headers }, payload: mp.payload });
  const fileId = (up.json() as { id: string }).id;
  await ok('inspector.211000', url('evidence'), { fileId, kind: 'photo', description: '现场照片' });
  await ok('inspector.211000', url('notice'), { outcome: 'fine', fine });
  await ok('inspector.211000', url('review-submission'));
  await ok('legal_reviewer.211000', url('review'), { pass: true, opinion: '同意' });
  return (await ok('approver.211000', url('decision'), { outcome: 'fine', fine, deviationReason: '依裁量基准并结合案情确定' })) as CaseView;
}
