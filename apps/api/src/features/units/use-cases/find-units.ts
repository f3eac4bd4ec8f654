import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/transact.ts';
import { presentUnit } from '../units.presenter.ts';
import { listUnits, unitByUsci, unitsOfApplicant } from '../units.repository.ts';

export interface FindUnitsInput {
  q?: string;
  region?: string;
  risk?: 'low' | 'medium' | 'high';
  after?: string;
  limit?: number;
}

const USCI_SHAPE = /^[0-9A-HJ-NPQRTUW-Y]{18}$/i;

/**
 * The directory in the actor's scope: by USCI (at most one unit, looked up by its index alone), or by a
 * substring of the name, a region and a risk level, one keyset page at a time; personal data masked.
 */
export async function findUnits(deps: Deps, actor: Actor, input: FindUnitsInput) {
  const { db, dialect } = deps.database;
  const term = input.q?.trim();
  if (term && USCI_SHAPE.test(term)) {
    const u = await unitByUsci(db, term.toUpperCase(), actor.scope);
    return { items: u ? [presentUnit(u, false)] : [], next: null };
  }
  const limit = input.limit ?? 50;
  const rows = await listUnits(db, dialect, actor.scope, {
    ...(term ? { name: term } : {}),
    ...(input.region ? { region: input.region } : {}),
    ...(input.risk ? { risk: input.risk } : {}),
    ...(input.after ? { after: input.after } : {}),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  return { items: page.map((u) => presentUnit(u, false)), next: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
}

/** The units an applicant holds, in full (they are the applicant's own). */
export async function myUnits(deps: Deps, actor: Actor) {
  return (await unitsOfApplicant(deps.database.db, actor.scope)).map((u) => presentUnit(u, true));
}
