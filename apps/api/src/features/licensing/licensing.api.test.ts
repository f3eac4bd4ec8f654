import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { chinaDateOf } from '@fep/domain';
import { DATABASES, multipartFile, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json, uploadImage } from '../../test-support/http.ts';
import { applicationInput } from '../../test-support/licensing.ts';

/** Full journeys of the opening permit over HTTP (LIC-01 … LIC-11), on SQLite and PostgreSQL. */

async function uploadPdf(t: TestApp, pdf: Buffer) {
  const mp = multipartFile('permit.pdf', pdf, 'application/pdf');
  const r = await t.app.inject({ method: 'POST', url: '/api/v1/licences/verify', headers: mp.headers, payload: mp.payload });
  return { status: r.statusCode, body: r.json() as Json };
}

/** The restaurant of the licensing tests (test-support/licensing.ts). */
const venue = applicationInput;

const CHECKLIST_ALL_PASS = (items: { code: string }[]) => items.map((i) => ({ code: i.code, passed: true }));

for (const database of DATABASES) {
  describe(`licensing: opening permit journeys [${database}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(database);
    });
    after(() => t.close());

    test('LIC-02 exemption check is public, cites the rule, its legal basis and the policy version; unknown kinds are named', async () => {
      const r = await call(t, null, 'POST', '/api/v1/licensing/exemption-check', { regionCode: '360102', venueKind: 'restaurant', floorArea: 300 });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.exempt, true);
      assert.match(r.body.rule.text, /300平方米以下/);
      assert.match(r.body.rule.legalBasis, /江西/);
      assert.match(r.body.rule.policyVersion, /^licensing\.exemption@national\+360000v1/);
      // People read where the rule comes from, never the version key (issue 11 item 4).
      assert.match(r.body.rule.policyVersionLabel, /^江西省消防救援总队 第1版（\d{4}-\d{2}-\d{2}起施行）$/);
      const ktv = await call(t, null, 'POST', '/api/v1/licensing/exemption-check', { regionCode: '360102', venueKind: 'ktv', floorArea: 100 });
      assert.equal(ktv.body.exempt, false);
      const gd = await call(t, null, 'POST', '/api/v1/licensing/exemption-check', {
        regionCode: '440106',
        venueKind: 'mall',
        floorArea: 800,
        investment: 1_000_000,
      });
      assert.equal(gd.body.exempt, true);
      const sample = await call(t, null, 'GET', '/api/v1/licensing/sample-forms/evacuation_plan');
      assert.equal(sample.status, 200);
      assert.equal(Buffer.from(sample.raw).subarray(0, 5).toString('latin1'), '%PDF-');
      assert.equal((await call(t, null, 'GET', '/api/v1/licensing/sample-forms/unknown_form')).status, 404);
      const bad = await call(t, null, 'POST', '/api/v1/licensing/exemption-check', { regionCode: '440106', venueKind: 'spaceport', floorArea: 10 });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.code, 'REQUEST.VALIDATION');
      assert.match(bad.body.message, /venueKind.*hotel、restaurant/);
    });

    test('LIC-01/03/06/07 commitment path: notice, resubmission, permit at once, sealed PDF verifies, a flipped byte fails, false commitment revokes', async () => {
      const applicant = await t.login('applicant.440106');
      const clerk = await t.login('clerk.440106');
      const files = {
        safety_rules: [await uploadImage(t, applicant)],
        evacuation_plan: [await uploadImage(t, applicant)],
        floor_plan: [await uploadImage(t, applicant)],
        training_records: [await uploadImage(t, applicant)],
      };

      // Nothing outside the guide; the commitment must be signed.
      const outside = await call(t, applicant, 'POST', '/api/v1/licensing/applications', {
        ...venue('440106', 'commitment', { ...files, tax_certificate: files.floor_plan }),
        submit: true,
      });
      assert.equal(outside.status, 400);
      assert.equal(outside.body.code, 'LICENSING.MATERIAL_NOT_IN_GUIDE');
      const unsigned = await call(t, applicant, 'POST', '/api/v1/licensing/applications', { ...venue('440106', 'commitment', files), submit: true });
      assert.equal(unsigned.body.code, 'LICENSING.COMMITMENT_NOT_SIGNED');

      const key = `lic-${randomUUID()}`;
      const body = { ...venue('440106', 'commitment', files, { commitment: { signerName: '王建华', accepted: true } }), submit: true };
      const [a1, a2] = await Promise.all([
        call(t, applicant, 'POST', '/api/v1/licensing/applications', body, { 'idempotency-key': key }),
        call(t, applicant, 'POST', '/api/v1/licensing/applications', body, { 'idempotency-key': key }),
      ]);
      assert.equal(a1.status, 201, JSON.stringify(a1.body));
      assert.equal(a2.body.id, a1.body.id, 'a retried submission never creates a second application');
      const id = a1.body.id as string;
      assert.equal(a1.body.status, 'submitted');
      assert.equal(a1.body.clock.amount, 1);
      assert.equal(a1.body.clock.status, 'running');
      assert.ok(a1.body.commitment.signedAt);

      // LIC-06 one-time notice: everything at once; the clock pauses.
      const notice = await call(t, clerk, 'POST', `/api/v1/licensing/applications/${id}/notice`, {
        items: [
          { target: 'material:floor_plan', reason: '平面图未标注安全出口和疏散路线' },
          { target: 'field:floorArea', reason: '建筑面积与平面图不一致' },
        ],
      });
      assert.equal(notice.status, 200, JSON.stringify(notice.body));
      assert.equal(notice.body.status, 'correction_requested');
      assert.equal(notice.body.clock.status, 'paused');
      assert.equal(notice.body.notices.length, 1);

      // The applicant may change only what the notice lists.
      const sneaky = await call(t, applicant, 'PUT', `/api/v1/licensing/applications/${id}`, { ...body, venueName: '另一个名字', floorArea: 1300 });
      assert.equal(sneaky.status, 400);
      assert.match(sneaky.body.message, /场所名称/);
      const fixed = await call(t, applicant, 'PUT', `/api/v1/licensing/applications/${id}`, {
        ...body,
        floorArea: 1300,
        materials: { ...files, floor_plan: [await uploadImage(t, applicant)] },
      });
      assert.equal(fixed.status, 200, JSON.stringify(fixed.body));
      assert.equal(fixed.body.status, 'submitted');
      assert.equal(fixed.body.clock.status, 'running');

      // A later notice may not ask for anything new.
      const second = await call(t, clerk, 'POST', `/api/v1/licensing/applications/${id}/notice`, {
        items: [{ target: 'material:training_records', reason: '培训记录无签名' }],
      });
      assert.equal(second.status, 409);
      assert.equal(second.body.code, 'LICENSING.ITEM_NOT_IN_NOTICE');

      // LIC-03 acceptance grants at once; a verification task with its own deadline opens.
      const accepted = await call(t, clerk, 'POST', `/api/v1/licensing/applications/${id}/accept`, {});
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      assert.equal(accepted.body.status, 'granted');
      assert.equal(accepted.body.clock.status, 'stopped');
      const licence = accepted.body.licence;
      assert.match(licence.number, /^天河消安许字〔2026〕第\d{4}号$/);
      assert.equal(licence.status, 'valid');
      const task = accepted.body.tasks.find((x: Json) => x.purpose === 'commitment_verification');
      assert.ok(task);
      const taskDetail = await call(t, clerk, 'GET', `/api/v1/inspection-tasks/${task.id}`);
      assert.equal(taskDetail.body.clock.amount, 20);

      // LIC-07 the sealed PDF verifies offline; one flipped byte does not.
      const pdf = await call(t, applicant, 'GET', `/api/v1/licences/${licence.id}/pdf`);
      assert.equal(pdf.status, 200);
      const bytes = Buffer.from(pdf.raw);
      assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      const ok = await uploadPdf(t, bytes);
      assert.equal(ok.body.sealValid, true, JSON.stringify(ok.body));
      assert.equal(ok.body.status, 'valid');
      for (const at of [200, Math.floor(bytes.length / 2), bytes.length - 10]) {
        const flipped = Buffer.from(bytes);
        flipped[at] = flipped[at]! ^ 0x01;
        const bad = await uploadPdf(t, flipped);
        assert.equal(bad.body.sealValid, false, `byte ${at}`);
      }
      const pub = await call(t, null, 'GET', `/api/v1/licences/verify/${licence.verifyCode}`);
      assert.equal(pub.status, 200);
      assert.equal(pub.body.status, 'valid');
      assert.equal(pub.body.holder, '鑫垚餐饮管理有限公司');
      assert.equal(pub.body.legalRepresentative, '王**');

      // Verification finds a false commitment, seriously: referral, credit event, revocation with public notice.
      const assign = await call(t, clerk, 'POST', `/api/v1/inspection-tasks/${task.id}/assign`, {});
      assert.equal(assign.status, 200, JSON.stringify(assign.body));
      assert.equal(assign.body.inspectors.length, 2);
      const inspectorUser = await t.ctx.database.db
        .selectFrom('users')
        .select('username')
        .where('id', '=', assign.body.inspectors[0].id)
        .executeTakeFirstOrThrow();
      const inspector = await t.login(inspectorUser.username);
      const items = (taskDetail.body.checklist as { code: string }[]).map((i) => ({ code: i.code, passed: i.code !== 'escape' }));
      const verified = await call(t, inspector, 'POST', `/api/v1/inspection-tasks/${task.id}/verification`, {
        outcome: 'false_commitment',
        checklist: items,
        findings: '安全出口被锁闭，与承诺不符',
        serious: true,
      });
      assert.equal(verified.status, 200, JSON.stringify(verified.body));
      assert.equal(verified.body.revoked, true);
      const revoked = await call(t, null, 'GET', `/api/v1/licences/verify/${licence.verifyCode}`);
      assert.equal(revoked.body.status, 'revoked');
      const register = await call(t, null, 'GET', '/api/v1/licences/register?agency=440000');
      assert.ok(register.body.items.some((x: Json) => x.number === licence.number && x.status === 'revoked'));
      assert.ok(register.body.notices.some((n: Json) => n.title.includes('鑫源大酒店')));
      assert.ok(!JSON.stringify(register.body).includes('王建华'), 'personal names are masked in the public register');
      // The referral and the credit deduction follow from the licensing.false_commitment_found event.
      await t.drain();
      const db = t.ctx.database.db;
      assert.equal((await db.selectFrom('enforcement_referrals').selectAll().where('source_id', '=', task.id).execute()).length, 1);
      assert.equal((await db.selectFrom('credit_events').selectAll().where('source_id', '=', task.id).execute()).length, 1);
      const chain = await call(t, await t.login('leader.440106'), 'GET', `/api/v1/audit/verify?target=${id}`);
      assert.equal(chain.body.ok, true, JSON.stringify(chain.body));
    });

    test('LIC-04/05/08/09/10/11 inspection path: pending documents, notice, off-hours appointment, two inspectors, decision in time, amendment, reissue, delivery', async () => {
      let applicant = await t.login('applicant.211002');
      let clerk = await t.login('clerk.211000');
      const files = {
        safety_rules: [await uploadImage(t, applicant)],
        evacuation_plan: [await uploadImage(t, applicant)],
        floor_plan: [await uploadImage(t, applicant)],
      };
      // Liaoyang accepts any document as pending (容缺), so the missing training record does not stop the submission.
      const created = await call(t, applicant, 'POST', '/api/v1/licensing/applications', {
        ...venue('211002', 'inspection', files, { venueKind: 'ktv', venueName: '星光KTV' }),
        submit: true,
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const id = created.body.id as string;
      assert.equal(created.body.clock.amount, 10);

      const notice = await call(t, clerk, 'POST', `/api/v1/licensing/applications/${id}/notice`, {
        items: [{ target: 'field:contactPhone', reason: '联系电话无法接通' }],
      });
      assert.equal(notice.body.status, 'correction_requested');
      const resub = await call(t, applicant, 'PUT', `/api/v1/licensing/applications/${id}`, {
        ...venue('211002', 'inspection', files, { venueKind: 'ktv', venueName: '星光KTV', contactPhone: '13900139000' }),
        submit: true,
      });
      assert.equal(resub.body.status, 'submitted', JSON.stringify(resub.body));

      // Accepting with a missing document not declared pending is refused; declared, it is owed.
      const refused = await call(t, clerk, 'POST', `/api/v1/licensing/applications/${id}/accept`, {});
      assert.equal(refused.body.code, 'LICENSING.MATERIALS_MISSING');
      const accepted = await call(t, clerk, 'POST', `/api/v1/licensing/applications/${id}/accept`, { pendingDocuments: ['training_records'] });
      assert.equal(accepted.body.status, 'accepted', JSON.stringify(accepted.body));
      assert.deepEqual(accepted.body.pendingDocuments, ['training_records']);

      // LIC-11 off-hours appointment (Saturday 10:00 Beijing); two certified inspectors; a named non-inspector is refused.
      const clerkUser = await t.ctx.database.db.selectFrom('users').select('id').where('username', '=', 'clerk.211000').executeTakeFirstOrThrow();
      const wrong = await call(t, clerk, 'POST', `/api/v1/licensing/applications/${id}/assign`, { inspectorIds: [clerkUser.id, clerkUser.id] });
      assert.equal(wrong.body.code, 'LICENSING.INSPECTORS_INVALID');
      const assigned = await call(t, clerk, 'POST', `/api/v1/licensing/applications/${id}/assign`, { appointmentAt: '2026-11-28T02:00:00Z' });
      assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
      const task = assigned.body.tasks[0];
      assert.equal(task.inspectors.length, 2);
      assert.equal(task.offHours, true);
      assert.notEqual(task.inspectors[0].id, task.inspectors[1].id);

      const outsider = await t.login('inspector.440106');
      const notMine = await call(t, outsider, 'POST', `/api/v1/licensing/applications/${id}/inspection`, {
        checklist: [{ code: 'x', passed: true }],
        findings: '',
      });
      assert.equal(notMine.status, 404, 'an inspector of another agency does not see the application');

      const names = await t.ctx.database.db
        .selectFrom('users')
        .select(['id', 'username'])
        .where('id', 'in', [task.inspectors[0].id, task.inspectors[1].id])
        .execute();
      const inspector = await t.login(names[0]!.username);
      const incomplete = await call(t, inspector, 'POST', `/api/v1/licensing/applications/${id}/inspection`, {
        checklist: [{ code: 'escape', passed: true }],
        findings: '',
      });
      assert.equal(incomplete.body.code, 'LICENSING.CHECKLIST_INCOMPLETE');
      const inspected = await call(t, inspector, 'POST', `/api/v1/licensing/applications/${id}/inspection`, {
        checklist: CHECKLIST_ALL_PASS(task.checklist),
        findings: '符合要求',
      });
      assert.equal(inspected.status, 200, JSON.stringify(inspected.body));
      assert.equal(inspected.body.status, 'awaiting_decision');
      assert.equal(inspected.body.clock.amount, 3);

      const approver = await t.login('approver.211000');
      const owed = await call(t, approver, 'POST', `/api/v1/licensing/applications/${id}/decision`, { grant: true, reasons: [] });
      assert.equal(owed.body.code, 'LICENSING.DOCUMENTS_OWED');
      const supplied = await call(t, applicant, 'POST', `/api/v1/licensing/applications/${id}/documents`, {
        materials: { training_records: [await uploadImage(t, applicant)] },
      });
      assert.deepEqual(supplied.body.pendingDocuments, []);
      // A working day later (sessions idle out meanwhile, so everyone signs in again).
      t.clock.advance(24 * 3600_000);
      applicant = await t.login('applicant.211002');
      clerk = await t.login('clerk.211000');
      const granted = await call(t, await t.login('approver.211000'), 'POST', `/api/v1/licensing/applications/${id}/decision`, { grant: true, reasons: [] });
      assert.equal(granted.status, 200, JSON.stringify(granted.body));
      assert.equal(granted.body.status, 'granted');
      assert.equal(granted.body.clock.status, 'stopped');
      assert.equal(granted.body.clock.alert, 'ok');
      const licence = granted.body.licence;
      const pdf = await call(t, applicant, 'GET', `/api/v1/licences/${licence.id}/pdf`);
      assert.equal((await uploadPdf(t, Buffer.from(pdf.raw))).body.sealValid, true);

      // LIC-08 amendment: a change of area needs a new application; a name change is amended at once.
      const substantive = await call(t, applicant, 'POST', `/api/v1/licences/${licence.id}/requests`, {
        kind: 'amend',
        changes: { venueName: '星光娱乐', floorArea: 2000 },
        reason: '扩建',
        materials: {},
      });
      assert.equal(substantive.status, 422);
      assert.equal(substantive.body.code, 'LICENSING.AMENDMENT_NEEDS_NEW_APPLICATION');
      const noPapers = await call(t, applicant, 'POST', `/api/v1/licences/${licence.id}/requests`, {
        kind: 'amend',
        changes: { venueName: '星光娱乐' },
        reason: '更名',
        materials: {},
      });
      assert.equal(noPapers.body.code, 'LICENSING.MATERIALS_MISSING');
      const amend = await call(t, applicant, 'POST', `/api/v1/licences/${licence.id}/requests`, {
        kind: 'amend',
        changes: { venueName: '星光娱乐' },
        reason: '场所更名',
        materials: { change_request: [await uploadImage(t, applicant)], name_approval: [await uploadImage(t, applicant)] },
      });
      assert.equal(amend.status, 201, JSON.stringify(amend.body));
      const approved = await call(t, clerk, 'POST', `/api/v1/licence-requests/${amend.body.id}/decision`, { approve: true });
      assert.equal(approved.body.status, 'approved', JSON.stringify(approved.body));
      const old = await call(t, null, 'GET', `/api/v1/licences/verify/${licence.verifyCode}`);
      assert.equal(old.body.status, 'amended');
      assert.equal(old.body.current.revision, 2);
      const current = await call(t, null, 'GET', `/api/v1/licences/verify/${old.body.current.verifyCode}`);
      assert.equal(current.body.status, 'valid');
      assert.equal(current.body.venue, '星光娱乐');
      assert.equal(current.body.number, licence.number, 'an amendment keeps the permit number');

      // LIC-09 reissue of a lost permit; LIC-10 delivery by post needs a tracking number.
      const reissue = await call(t, applicant, 'POST', `/api/v1/licences/${approved.body.licenceId}/requests`, {
        kind: 'reissue',
        changes: {},
        reason: '许可证遗失',
        materials: {},
      });
      const reissued = await call(t, clerk, 'POST', `/api/v1/licence-requests/${reissue.body.id}/decision`, { approve: true });
      assert.equal(reissued.body.status, 'approved');
      const post = await call(t, clerk, 'POST', `/api/v1/licences/${reissued.body.licenceId}/delivery`, {
        method: 'post',
        recipient: '李敏',
        address: '辽阳市白塔区人民路100号',
      });
      assert.equal(post.status, 400);
      const posted = await call(t, clerk, 'POST', `/api/v1/licences/${reissued.body.licenceId}/delivery`, {
        method: 'post',
        recipient: '李敏',
        address: '辽阳市白塔区人民路100号',
        trackingNo: 'EMS1234567890',
      });
      assert.equal(posted.status, 200, JSON.stringify(posted.body));
      const mine = await call(t, applicant, 'GET', `/api/v1/licences/${reissued.body.licenceId}`);
      assert.equal(mine.body.delivery.trackingNo, 'EMS1234567890');
    });

    test('LIC-03/04 per source jurisdiction: which paths are offered and the check limit of each', async () => {
      const table: Array<[string, boolean, number]> = [
        // county, commitment path offered, on-site check limit (working days)
        ['360102', true, 10],
        ['440106', true, 5],
        ['150102', true, 5],
        ['211002', false, 10],
        ['210502', true, 10],
      ];
      for (const [region, offered, days] of table) {
        const g = await call(t, null, 'GET', `/api/v1/licensing/guide?region=${region}`);
        assert.equal(g.body.commitmentOffered, offered, region);
        assert.equal(g.body.inspection.checkWorkingDays, days, region);
      }
      const applicant = await t.login('applicant.211002');
      const r = await call(t, applicant, 'POST', '/api/v1/licensing/applications', {
        ...venue('211002', 'commitment', {}, { commitment: { signerName: '王建华', accepted: true } }),
        submit: true,
      });
      assert.equal(r.status, 422);
      assert.equal(r.body.code, 'LICENSING.PATH_NOT_OFFERED');
    });

    test('LIC-04 where the policy requires legal review, the file goes to the legal reviewer before the approver', async () => {
      const admin = await t.login('admin.150100');
      const agency = await t.ctx.database.db.selectFrom('agencies').select('id').where('region_code', '=', '150100').executeTakeFirstOrThrow();
      const v = await call(t, admin, 'POST', '/api/v1/policies/versions', {
        agencyId: agency.id,
        kind: 'licensing.approval',
        effectiveFrom: chinaDateOf(new Date(t.clock.now.getTime() + 24 * 3600_000)),
        values: { legalReviewRequired: true },
        legalBasis: { document: '呼和浩特市消防救援支队重大执法决定法制审核目录', clause: '第三条' },
      });
      assert.equal(v.status, 201, JSON.stringify(v.body));
      t.clock.advance(24 * 3600_000); // the new version takes effect tomorrow
      const applicant = await t.login('applicant.150102');
      const files: Record<string, string[]> = {};
      for (const c of ['safety_rules', 'evacuation_plan', 'floor_plan', 'training_records']) files[c] = [await uploadImage(t, applicant)];
      const created = await call(t, applicant, 'POST', '/api/v1/licensing/applications', { ...venue('150102', 'inspection', files), submit: true });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const id = created.body.id;
      const clerk = await t.login('clerk.150102');
      await call(t, clerk, 'POST', `/api/v1/licensing/applications/${id}/accept`, {});
      const inspectors = await t.ctx.database.db
        .selectFrom('users')
        .select(['id'])
        .where('username', 'in', ['inspector.150102', 'inspector2.150102'])
        .execute();
      const assigned = await call(t, clerk, 'POST', `/api/v1/licensing/applications/${id}/assign`, { inspectorIds: inspectors.map((i) => i.id) });
      const inspected = await call(t, await t.login('inspector.150102'), 'POST', `/api/v1/licensing/applications/${id}/inspection`, {
        checklist: CHECKLIST_ALL_PASS(assigned.body.tasks[0].checklist),
        findings: '符合要求',
      });
      assert.equal(inspected.body.status, 'legal_review');
      const early = await call(t, await t.login('approver.150102'), 'POST', `/api/v1/licensing/applications/${id}/decision`, { grant: true, reasons: [] });
      assert.equal(early.status, 409);
      const reviewed = await call(t, await t.login('legal_reviewer.150102'), 'POST', `/api/v1/licensing/applications/${id}/legal-review`, {
        pass: true,
        opinion: '程序合法，证据充分',
      });
      assert.equal(reviewed.body.status, 'awaiting_decision');
      const granted = await call(t, await t.login('approver.150102'), 'POST', `/api/v1/licensing/applications/${id}/decision`, { grant: true, reasons: [] });
      assert.equal(granted.body.status, 'granted');
      assert.match(granted.body.licence.number, /^新城消安许字/);
    });

    test('LIC-05 a document outside the region list cannot be accepted as pending (Nanchang), and illegal steps are 409', async () => {
      const applicant = await t.login('applicant.360102');
      const files = {
        safety_rules: [await uploadImage(t, applicant)],
        evacuation_plan: [await uploadImage(t, applicant)],
        training_records: [await uploadImage(t, applicant)],
      };
      const r = await call(t, applicant, 'POST', '/api/v1/licensing/applications', { ...venue('360102', 'inspection', files), submit: true });
      assert.equal(r.status, 422);
      assert.equal(r.body.code, 'LICENSING.MATERIALS_MISSING');
      assert.match(r.body.message, /场所平面布置图/);
      const draft = await call(t, applicant, 'POST', '/api/v1/licensing/applications', venue('360102', 'inspection', files));
      assert.equal(draft.body.status, 'draft');
      const clerk = await t.login('clerk.360100');
      const early = await call(t, clerk, 'POST', `/api/v1/licensing/applications/${draft.body.id}/accept`, {});
      assert.equal(early.status, 404, 'staff do not see drafts');
      const approver = await t.login('approver.360100');
      const list = await call(t, approver, 'GET', '/api/v1/licensing/applications');
      assert.ok(!list.body.items.some((x: Json) => x.id === draft.body.id));
    });
  });

  describe(`licensing: the clock across the 2026 National Day holiday [${database}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(database, { now: new Date('2026-09-30T02:00:00Z') });
    });
    after(() => t.close());

    test('LIC-04 an inspection-path application submitted on 2026-09-30 in Guangdong (5 working days) is due 2026-10-13', async () => {
      const applicant = await t.login('applicant.440106');
      const files: Record<string, string[]> = {};
      for (const c of ['safety_rules', 'evacuation_plan', 'floor_plan', 'training_records']) files[c] = [await uploadImage(t, applicant)];
      const r = await call(t, applicant, 'POST', '/api/v1/licensing/applications', { ...venue('440106', 'inspection', files), submit: true });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.clock.amount, 5);
      assert.equal(r.body.clock.dueDate, '2026-10-13');
      assert.equal(r.body.clock.provisional, false);
    });
  });
}
