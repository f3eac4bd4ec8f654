import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { POLICY_KINDS } from '../policy/kinds.ts';
import { conditionFailures, type OrganisationFacts } from './organisation.ts';

const policy = POLICY_KINDS['market.organisation_conditions'].nationalDefault;
const ok: OrganisationFacts = {
  enterpriseLegalPerson: true,
  workplaceSquareMetres: 200,
  firstClassEngineers: 1,
  secondClassEngineers: 1,
  operators: 6,
  intermediateOperators: 2,
  qualitySystem: true,
};

describe('MKT-01 practice conditions of a maintenance/testing organisation (应急管理部令第7号 art. 5) at their boundaries', () => {
  const table: Array<[string, Partial<OrganisationFacts>, string[]]> = [
    ['exactly the minimums', {}, []],
    ['199 ㎡', { workplaceSquareMetres: 199 }, ['workplace']],
    ['two second-class engineers, no first-class', { firstClassEngineers: 0, secondClassEngineers: 2 }, ['first_class_engineers']],
    ['one engineer', { firstClassEngineers: 1, secondClassEngineers: 0 }, ['registered_engineers']],
    ['5 operators', { operators: 5 }, ['operators']],
    ['1 intermediate operator', { intermediateOperators: 1 }, ['intermediate_operators']],
    ['not a legal person, no quality system', { enterpriseLegalPerson: false, qualitySystem: false }, ['not_legal_person', 'quality_system']],
  ];
  for (const [what, facts, failures] of table)
    it(`${what}: ${failures.join(', ') || 'met'}`, () => assert.deepEqual(conditionFailures('maintenance_testing', { ...ok, ...facts }, policy), failures));
  it('an assessment organisation needs 100 ㎡ (art. 6)', () => {
    assert.deepEqual(conditionFailures('assessment', { ...ok, workplaceSquareMetres: 100, operators: 0, intermediateOperators: 0 }, policy), []);
    assert.deepEqual(conditionFailures('assessment', { ...ok, workplaceSquareMetres: 99 }, policy), ['workplace']);
  });
});
