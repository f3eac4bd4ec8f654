import { chinaDateOf } from '@fep/domain';
import { systemActor } from '../platform/actor.ts';
import { findAgency } from '../platform/org/agencies.repository.ts';
import { createPolicyVersion } from '../platform/policy/use-cases/create-policy-version.ts';
import type { TestApp } from './harness.ts';

/**
 * A jurisdiction's policy override in force from `effectiveFrom` (the test clock's day by default), created the way an administrator
 * creates one (the policy use case, with its record event); returns the version key it produces.
 */
export async function overridePolicy(
  t: TestApp,
  regionCode: string,
  kind: string,
  values: Record<string, unknown>,
  effectiveFrom = chinaDateOf(t.clock.now),
): Promise<string> {
  const agency = await findAgency(t.ctx.database.db, regionCode);
  if (!agency) throw new Error(`no agency for ${regionCode}`);
  const v = await createPolicyVersion(t.ctx, systemActor(), {
    agencyId: agency.id,
    kind,
    effectiveFrom,
    values,
    legalBasis: { document: '测试用地方规定', clause: '第一条' },
    note: '测试',
  });
  return `${v.kind}@${agency.region_code}v${v.version}`;
}
