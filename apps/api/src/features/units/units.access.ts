import { createHash } from 'node:crypto';
import { checkUsci, inScope, residentIdValid, residentSubjectKey } from '@fep/domain';
import type { UnitTable } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { type Agency, findAgency } from '../../platform/org/agencies.repository.ts';
import { readInScope } from '../../platform/org/scope.ts';
import { unitById } from './units.repository.ts';

/** Who may see and change which unit, in one place. */

const USCI_PROBLEM: Record<string, string> = {
  length: '统一社会信用代码应为 18 位',
  charset: '统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V）',
  check_char: '统一社会信用代码校验位不正确，请核对',
};

/** A unit the actor may see; out of scope it is the 404 of a missing unit, and the attempt is recorded. */
export function unitInScope(deps: AppContext, actor: Actor, id: string): Promise<UnitTable> {
  return readInScope({ type: 'unit', id, what: '单位' }, (scoped) => unitById(deps.database.db, id, scoped ? actor.scope : null));
}

/** The USCI in canonical form, or a 400 naming what is wrong with it (GB 32100-2015 check character). */
export function validUsci(raw: string): string {
  const usci = checkUsci(raw);
  if (!usci.ok) throw new AppError('UNIT.USCI_INVALID', USCI_PROBLEM[usci.problem] ?? '统一社会信用代码无效', { field: 'usci', problem: usci.problem });
  return usci.code;
}

const sm3 = (s: string) => createHash('sm3').update(s, 'utf8').digest('hex');

/**
 * A responsible person as stored: the name and the credit subject key of the ID number (CRD-01), or a 400
 * naming the field when the ID number's check character is wrong (GB 11643-1999). The number itself is not kept.
 */
export function responsiblePerson(
  input: { name: string; idNumber: string } | null | undefined,
  field: 'responsible' | 'manager',
): { name: string; key: string } | null {
  if (!input) return null;
  if (!residentIdValid(input.idNumber))
    throw new AppError('UNIT.ID_NUMBER_INVALID', `${field === 'responsible' ? '消防安全责任人' : '消防安全管理人'}的居民身份证号码不正确，请核对`, {
      field: `${field}.idNumber`,
    });
  return { name: input.name.trim(), key: residentSubjectKey(input.idNumber, sm3) };
}

/** The agency a unit of this region belongs to, which must lie in the actor's scope (a unit is registered where it is supervised). */
export async function agencyForUnit(deps: AppContext, actor: Actor, regionCode: string): Promise<Agency> {
  const agency = await findAgency(deps.database.db, regionCode);
  if (!agency || !inScope(actor.scope, { agencyPath: agency.path }))
    throw new AppError('UNIT.OUT_OF_AGENCY', '该行政区划不在本机构辖区内', { field: 'regionCode' });
  return agency;
}

/** An import may merge into an existing unit only when that unit lies in the importer's scope. */
export function mayOverwrite(actor: Pick<Actor, 'scope'>, existing: Pick<UnitTable, 'agency_path'>): boolean {
  return inScope(actor.scope, { agencyPath: existing.agency_path });
}
