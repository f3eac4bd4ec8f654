import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { determinationDocumentText } from '../incidents/documents.ts';
import { calendar2026 } from '../test-fixtures.ts';
import { nextRequestStatus, outsideOfficeHours, reminderDue } from './appointment-requests.ts';

const cal = calendar2026();
const office = { officeStart: '08:30', officeEnd: '17:30' };

describe("SVC-03 appointments at the unit's time", () => {
  it('a drill or training is confirmed, moved by the agency and accepted by the unit; an off-hours request is accepted or declined, never moved', () => {
    assert.equal(nextRequestStatus('drill', 'proposed', 'confirm'), 'confirmed');
    assert.equal(nextRequestStatus('training', 'proposed', 'counter'), 'counter_proposed');
    assert.equal(nextRequestStatus('drill', 'counter_proposed', 'accept'), 'confirmed');
    assert.equal(nextRequestStatus('drill', 'counter_proposed', 'confirm'), null, 'the unit has the last word on another time');
    assert.equal(nextRequestStatus('off_hours', 'proposed', 'counter'), null);
    assert.equal(nextRequestStatus('off_hours', 'proposed', 'decline'), 'declined');
    assert.equal(nextRequestStatus('drill', 'declined', 'cancel'), null);
    assert.equal(nextRequestStatus('drill', 'confirmed', 'cancel'), 'cancelled');
    assert.equal(nextRequestStatus('drill', 'cancelled', 'confirm'), null);
  });

  it('outside office hours: before the start or from the end of the office day (Beijing time), or a non-working day of the calendar', () => {
    const at = (beijing: string) => new Date(`${beijing}+08:00`).toISOString();
    assert.equal(outsideOfficeHours(at('2026-11-24T08:29'), cal, office), true);
    assert.equal(outsideOfficeHours(at('2026-11-24T08:30'), cal, office), false);
    assert.equal(outsideOfficeHours(at('2026-11-24T17:29'), cal, office), false);
    assert.equal(outsideOfficeHours(at('2026-11-24T17:30'), cal, office), true);
    assert.equal(outsideOfficeHours(at('2026-11-28T10:00'), cal, office), true, 'Saturday');
    assert.equal(outsideOfficeHours(at('2026-10-05T10:00'), cal, office), true, 'National Day holiday');
    assert.equal(outsideOfficeHours(at('2026-10-10T10:00'), cal, office), false, 'the adjusted working Saturday');
  });

  it('the reminder is due within the lead time before the start, not after it has begun', () => {
    const start = '2026-11-25T02:00:00.000Z';
    assert.equal(reminderDue(start, '2026-11-24T01:59:59.000Z', 24), false);
    assert.equal(reminderDue(start, '2026-11-24T02:00:00.000Z', 24), true);
    assert.equal(reminderDue(start, '2026-11-25T01:59:00.000Z', 24), true);
    assert.equal(reminderDue(start, '2026-11-25T02:00:00.000Z', 24), false);
  });
});

describe('FIR-03 the 火灾事故认定书 text', () => {
  const facts = {
    unitName: '某商场',
    place: '某商场三层仓库',
    reportedAt: '2026-11-20T02:00:00.000Z',
    extinguishedAt: '2026-11-20T04:00:00.000Z',
    cause: '电气线路短路引燃可燃物',
    servedAt: '2026-11-26T02:00:00.000Z',
    reviewingAgencyName: '辽宁省消防救援总队',
    agencyName: '辽阳市消防救援支队',
    issuedOn: '2026-11-26',
  };
  it('the general procedure names the right to review, its last day and the next-higher agency; the simple one says it is not subject to review', () => {
    const general = determinationDocumentText({ ...facts, tier: 'general', reviewLastDay: '2026-12-11' });
    assert.equal(general.title, '火灾事故认定书');
    assert.match(general.paragraphs.join(''), /十五日内（2026-12-11前），向辽宁省消防救援总队提出书面复核申请/);
    assert.match(general.paragraphs[0]!, /2026-11-20 10:00，某商场三层仓库发生火灾/);
    const simple = determinationDocumentText({ ...facts, tier: 'simple', reviewLastDay: null });
    assert.equal(simple.title, '火灾事故简易调查认定书');
    assert.match(simple.paragraphs.join(''), /不适用复核/);
    assert.match(simple.basis, /消防法》第五十一条/);
  });
});
