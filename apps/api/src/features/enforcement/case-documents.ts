import {
  CASE_DOCUMENT_KIND_LABELS,
  type CaseDocumentContent,
  caseDocumentText,
  caseQrFacts,
  chinaDateOf,
  decisionDocumentKind,
  EVIDENCE_KIND_LABELS,
  findItem,
  renderDocumentNumber,
  yearOf,
} from '@fep/domain';
import type { Transaction } from 'kysely';
import type { EnforcementCase, EnforcementDocumentTable } from '../../db/schema/enforcement.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { newVerifyCode, sealKeyOf } from '../../platform/documents/issue.ts';
import { nextSequence } from '../../platform/documents/sequences.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { agencyById } from '../../platform/org/agencies.repository.ts';
import type { Audit } from '../../platform/transact.ts';
import { officersOf } from './cases.access.ts';
import { hearingDeadlineOf } from './cases.presenter.ts';
import { discretionFor } from './discretion.policy.ts';
import { CASE_DOCUMENT_CONTENT, CASE_PROPOSAL } from './enforcement.columns.ts';
import { procedureFor } from './procedure.policy.ts';

export type CaseDocumentSnapshot = NonNullable<ReturnType<typeof CASE_DOCUMENT_CONTENT.decode>>;

/**
 * The written documents of a penalty case (ENF-04), recorded in the transaction of the act they record —
 * the prior notice when it is served (行政处罚法 arts 44, 62), the decision when it is made (arts 52, 59) — with
 * the 听证通知书 when the hearing is scheduled (art. 64 (2)), with
 * their number, verification code, seal key, the QR facts and a snapshot of everything they print. The PDF
 * is rendered, sealed (the agency's SM2 seal, like a permit) and attached after the commit
 * (document-production.ts): the act's transaction renders nothing. Called once by each of the two acts,
 * after the case row has taken its new step.
 */
export async function issueCaseDocument(
  trx: Transaction<DB>,
  deps: AppContext,
  audit: Audit,
  actor: Actor,
  c: EnforcementCase,
): Promise<EnforcementDocumentTable> {
  const now = deps.now();
  const issuedOn = chinaDateOf(now);
  const agency = await agencyById(trx, c.agency_id);
  if (!agency) throw new Error(`agency ${c.agency_id} of case ${c.id} not found`);
  const { policy, versionKey } = await procedureFor(trx, agency, issuedOn);
  const proposal = CASE_PROPOSAL.decode(c.proposal_json)!;

  let kind: EnforcementDocumentTable['kind'];
  let act: string;
  let number: string;
  let content: CaseDocumentContent;
  const noPenaltyRule = (reason: string | null) =>
    proposal.noPenalty
      ? { text: proposal.rule.text, legalBasis: `${proposal.rule.legalBasis.document}${proposal.rule.legalBasis.clause ?? ''}` }
      : { text: reason ?? '违法行为轻微', legalBasis: '《中华人民共和国行政处罚法》第三十三条' };
  if (c.status === 'notice_served' && c.notice_outcome) {
    kind = 'notice';
    // A case returned by legal review may be told again (new facts): each notice is an act of its own.
    act = `notice@${c.version}`;
    const year = yearOf(issuedOn);
    number = renderDocumentNumber(policy.noticeNumberTemplate, {
      agencyShortName: agency.short_name,
      regionCode: agency.region_code,
      year,
      seq: await nextSequence(trx, agency.id, 'penalty_notice', year),
      seqDigits: policy.seqDigits,
    });
    content = {
      kind,
      outcome: c.notice_outcome,
      fine: c.notice_fine,
      rule: c.notice_outcome === 'no_penalty' && proposal.noPenalty ? noPenaltyRule(null) : null,
      hearing: { eligible: c.hearing_eligible === 1, workingDays: policy.hearingRequestWorkingDays, deadline: await hearingDeadlineOf(trx, c, policy) },
    };
  } else if (c.status === 'hearing_scheduled' && c.hearing_at && c.hearing_place && c.hearing_host_id && c.notice_outcome) {
    kind = 'hearing_notice';
    // A hearing moved to another date is notified again: each schedule is an act of its own.
    act = `hearing_notice@${c.version}`;
    const year = yearOf(issuedOn);
    number = renderDocumentNumber(policy.hearingNoticeNumberTemplate, {
      agencyShortName: agency.short_name,
      regionCode: agency.region_code,
      year,
      seq: await nextSequence(trx, agency.id, 'penalty_hearing_notice', year),
      seqDigits: policy.seqDigits,
    });
    const host = await trx.selectFrom('users').select('display_name').where('id', '=', c.hearing_host_id).executeTakeFirst();
    content = {
      kind,
      hearingAt: c.hearing_at,
      place: c.hearing_place,
      hostName: host?.display_name ?? '',
      outcome: c.notice_outcome,
      fine: c.notice_fine,
      noticeWorkingDays: policy.hearingNoticeWorkingDays,
    };
  } else if (c.status === 'decided' && c.outcome && c.decision_number) {
    kind = decisionDocumentKind(c.procedure, c.outcome);
    act = 'decision';
    number = c.decision_number;
    const before = { noticeServedOn: c.notice_served_on, statementGiven: !!c.statement, hearingHeldOn: c.hearing_held_on };
    content =
      c.outcome === 'no_penalty'
        ? { kind: 'no_penalty_decision', rule: noPenaltyRule(c.deviation_reason), ...before }
        : {
            kind: kind as 'decision' | 'on_the_spot_decision',
            outcome: c.outcome,
            fine: c.fine,
            deviationReason: c.deviation_reason,
            ...before,
            payment: { calendarDays: policy.paymentCalendarDays, lateFeePercentPerDay: policy.lateFeePercentPerDay },
          };
  } else throw new Error(`case ${c.id} in status ${c.status} has no document to issue`);

  const { policy: discretion } = await discretionFor(trx, c.region_code, issuedOn);
  const item = findItem(discretion, c.violation_code);
  const evidence = await trx.selectFrom('enforcement_evidence').selectAll().where('case_id', '=', c.id).orderBy('recorded_at').execute();
  const officerIds = officersOf(c);
  const names = new Map(
    officerIds.length
      ? (await trx.selectFrom('users').select(['id', 'display_name']).where('id', 'in', officerIds).execute()).map((u) => [u.id, u.display_name])
      : [],
  );
  const text = caseDocumentText(
    {
      party: { kind: c.party_kind, name: c.party_name, usci: c.party_usci, idNumber: c.party_id_number },
      caseNumber: c.number,
      facts: c.facts,
      violation: item
        ? { conduct: item.conduct, law: item.law, provision: item.provision, provisionText: item.provisionText }
        : // The item left the benchmark after the case was opened: the proposal kept its provision.
          { conduct: '消防违法行为', law: '', provision: proposal.rule.legalBasis.document, provisionText: proposal.rule.text },
      evidence: evidence.map((e) => ({ kindLabel: EVIDENCE_KIND_LABELS[e.kind], description: e.description, recordedOn: chinaDateOf(e.recorded_at) })),
      discretion: proposal.explanation,
      officers: officerIds.map((id) => names.get(id) ?? '').filter(Boolean),
      agencyName: agency.name,
      issuedOn,
    },
    content,
  );
  const verifyCode = newVerifyCode();
  const snapshot: CaseDocumentSnapshot = {
    layout: 'notice',
    title: text.title,
    number,
    addressee: text.addressee,
    paragraphs: text.paragraphs,
    rows: [...text.rows, ['核验码', verifyCode]],
    basis: text.basis,
    agencyName: agency.name,
    issuedOn,
    footer: `本文书加盖电子印章（SM2/SM3），与纸质文书具有同等效力。扫描二维码或在消防执法服务平台“证照核验”中输入核验码 ${verifyCode} 核验真伪。`,
    subject: `${number} ${CASE_DOCUMENT_KIND_LABELS[kind]} ${c.party_kind === 'unit' ? c.party_name : ''}`.trim(),
  };
  // The seal key is chosen (generated on first use, and then recorded) with the act; the QR signature, the
  // rendering and the seal are made after the commit from the snapshot.
  const { key, created } = await sealKeyOf(trx, deps, agency.id);
  if (created)
    await audit({
      action: 'seal_key.create',
      targetType: 'seal_key',
      targetId: key.id,
      details: { agency: agency.id, algorithm: 'SM2', reason: '机构首次出具执法文书' },
    });
  const document: EnforcementDocumentTable = {
    id: uuidv7(now.getTime()),
    case_id: c.id,
    agency_id: agency.id,
    agency_path: agency.path,
    kind,
    act,
    number,
    verify_code: verifyCode,
    issued_on: issuedOn,
    qr_facts: caseQrFacts({ verifyCode, number, kind, party: { kind: c.party_kind, name: c.party_name }, caseNumber: c.number, issuedOn }),
    qr_signature: '',
    seal_key_id: key.id,
    seal_digest: '',
    pdf_sha256: '',
    content_json: CASE_DOCUMENT_CONTENT.encode(snapshot),
    policy_version: versionKey,
    issued_by: actor.userId,
    created_at: now.toISOString(),
  };
  await trx.insertInto('enforcement_documents').values(document).execute();
  await audit({
    action: 'enforcement_document.issue',
    targetType: 'enforcement_case',
    targetId: c.id,
    policyVersion: versionKey,
    details: { document: document.id, kind, number, act },
  });
  return document;
}
