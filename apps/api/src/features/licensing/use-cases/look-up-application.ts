import type { ApplicationTable } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import { type AttemptWindow, countAttempt, exhausted } from '../../../platform/attempts.ts';
import type { AppContext } from '../../../platform/context.ts';
import { sm3 } from '../../../platform/documents/seal.ts';
import { AppError } from '../../../platform/errors.ts';
import { lookupCodeMatches } from '../intake-documents.ts';

/**
 * 办件查询 without login (LIC-01 status tracking): the application number and the code printed on the
 * 受理回执. An unknown number and a wrong code get the same answer, and attempts are limited per client
 * and per number (counted on the number as typed, known or not), so numbers can be neither enumerated nor
 * told apart and a code cannot be guessed: 5 wrong codes lock a number for an hour (the applicant still
 * sees everything after signing in).
 */
export const LOOKUP_PER_CLIENT: AttemptWindow = { limit: 30, windowMs: 10 * 60_000 };
export const LOOKUP_PER_NUMBER: AttemptWindow = { limit: 5, windowMs: 60 * 60_000 };

const TOO_MANY = () => new AppError('LOOKUP.TOO_MANY_ATTEMPTS', '查询次数过多，请一小时后再试，或登录后在“我的申请”中查看');
const NOT_FOUND = () => new AppError('LOOKUP.NOT_FOUND', '申请编号或查询码不正确，请核对受理回执上的申请编号和办件查询码');

export function normalReference(reference: string): string {
  return reference.trim().toUpperCase();
}

export async function lookUpApplication(
  deps: Pick<AppContext, 'database' | 'now' | 'sealMasterKey'>,
  actor: Actor,
  input: { reference: string; code: string },
): Promise<ApplicationTable> {
  const db = deps.database.db;
  const now = deps.now();
  const reference = normalReference(input.reference);
  if (!(await countAttempt(db, `lookup:client:${actor.ip ?? 'unknown'}`, LOOKUP_PER_CLIENT, now))) throw TOO_MANY();
  const numberKey = `lookup:number:${sm3(reference)}`;
  if (await exhausted(db, numberKey, LOOKUP_PER_NUMBER, now)) throw TOO_MANY();
  const app = await db.selectFrom('applications').selectAll().where('reference_no', '=', reference).executeTakeFirst();
  // The code is checked (in constant time) even when there is no such application.
  if (!lookupCodeMatches(deps, app?.id ?? '-', app?.lookup_code_hash ?? null, input.code) || !app) {
    await countAttempt(db, numberKey, LOOKUP_PER_NUMBER, now);
    throw NOT_FOUND();
  }
  return app;
}
