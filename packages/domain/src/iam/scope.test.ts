import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasPermission, PERMISSIONS, ROLE_PERMISSIONS, ROLES } from './permissions.ts';
import { decideScope, inScope } from './scope.ts';

describe('data scope', () => {
  const staff = { userId: 'u1', roles: ['clerk' as const], agencyId: 'A', agencyPath: '/P/A/', usci: null };
  it('staff see their agency and below', () => {
    const s = decideScope(staff);
    assert.deepEqual(s, { kind: 'agency_and_below', agencyPath: '/P/A/' });
    assert.equal(inScope(s, { agencyPath: '/P/A/' }), true);
    assert.equal(inScope(s, { agencyPath: '/P/A/A1/' }), true);
    assert.equal(inScope(s, { agencyPath: '/P/B/' }), false, 'sibling');
    assert.equal(inScope(s, { agencyPath: '/P/' }), false, 'parent');
    assert.equal(inScope(s, { agencyPath: '/P/AB/' }), false, 'prefix of a name is not a child');
  });
  it('applicants see only their own records', () => {
    const s = decideScope({ userId: 'u9', roles: ['applicant'], agencyId: null, agencyPath: null, usci: '91350100M000100Y43' });
    assert.equal(s.kind, 'self');
    assert.equal(inScope(s, { ownerUserId: 'u9' }), true);
    assert.equal(inScope(s, { usci: '91350100M000100Y43' }), true);
    assert.equal(inScope(s, { ownerUserId: 'u8', agencyPath: '/P/A/' }), false);
  });
  it('no roles, no scope; staff without agency, no scope', () => {
    assert.equal(decideScope({ ...staff, roles: [] }).kind, 'none');
    assert.equal(decideScope({ ...staff, agencyId: null, agencyPath: null }).kind, 'none');
    assert.equal(inScope({ kind: 'none' }, { agencyPath: '/P/' }), false);
  });
});

describe('permissions', () => {
  it('every role grants only catalogued permissions', () => {
    for (const r of ROLES) for (const p of ROLE_PERMISSIONS[r]) assert.ok(p in PERMISSIONS, `${r}: ${p}`);
  });
  it('applicants have no staff permission', () => {
    assert.equal(hasPermission(['applicant'], 'unit:unit:read'), false);
    assert.equal(hasPermission(['applicant'], 'portal:self:read'), true);
  });
  it('only admins add policy versions and edit the calendar', () => {
    for (const r of ROLES) {
      assert.equal(hasPermission([r], 'policy:policy:manage'), r === 'admin');
      assert.equal(hasPermission([r], 'calendar:day:manage'), r === 'admin');
    }
  });
});
