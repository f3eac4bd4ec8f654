import { chinaDateTimeOf } from '../dates.ts';

/**
 * What a 火灾事故认定书 prints (FIR-03): 消防法 art. 51 (the agency makes the determination "as evidence for handling
 * the accident"); 火灾事故调查规定 (公安部令第121号修订): served within 7 days of being made, with notice of the right
 * to review (复核) — applied for in writing within 15 days of service to the next-higher agency, once only — for
 * the general procedure; a determination of the simple procedure is not subject to review.
 */
export interface DeterminationFacts {
  unitName: string;
  place: string;
  reportedAt: string;
  extinguishedAt: string;
  tier: 'simple' | 'general';
  cause: string;
  servedAt: string;
  reviewLastDay: string | null;
  reviewingAgencyName: string | null;
  agencyName: string;
  issuedOn: string;
}

export const DETERMINATION_DOCUMENT_TITLE = { simple: '火灾事故简易调查认定书', general: '火灾事故认定书' } as const;

export function determinationDocumentText(f: DeterminationFacts): {
  title: string;
  addressee: string;
  paragraphs: string[];
  rows: Array<[string, string]>;
  basis: string;
} {
  const review =
    f.tier === 'general'
      ? `当事人对本认定有异议的，可以自本认定书送达之日起十五日内（${f.reviewLastDay ?? ''}前），向${f.reviewingAgencyName ?? '上一级消防救援机构'}提出书面复核申请，复核以一次为限；也可在消防执法服务平台在线申请复核。`
      : '本认定适用简易调查程序作出，不适用复核。';
  return {
    title: DETERMINATION_DOCUMENT_TITLE[f.tier],
    addressee: f.unitName,
    paragraphs: [
      `${chinaDateTimeOf(f.reportedAt)}，${f.place}发生火灾，火灾于${chinaDateTimeOf(f.extinguishedAt)}扑灭。经调查，现认定如下：`,
      `起火原因：${f.cause}`,
      review,
    ],
    rows: [
      ['起火单位', f.unitName],
      ['起火地点', f.place],
      ['报警时间', chinaDateTimeOf(f.reportedAt)],
      ['送达时间', chinaDateTimeOf(f.servedAt)],
    ],
    basis: '《中华人民共和国消防法》第五十一条；《火灾事故调查规定》（公安部令第121号修订）',
  };
}

/** The facts the QR code of a 火灾事故认定书 carries (signed with the agency's seal key). */
export function determinationQrFacts(d: { verifyCode: string; number: string; unitName: string; issuedOn: string }): string {
  return [d.verifyCode, d.number, 'fire_determination', d.unitName, d.issuedOn].join('|');
}
