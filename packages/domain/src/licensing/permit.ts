import { renderDocumentNumber } from '../documents/number.ts';
import { POLICY_KINDS } from '../policy/kinds.ts';

/**
 * Permit numbers: unique per agency and year, in the usual form of Chinese administrative documents,
 * e.g. 辽阳消安许字〔2026〕第0007号 — the national default of `licensing.numbering`; a jurisdiction's
 * form comes from its policy version (the API renders that one with `renderDocumentNumber`).
 */
export function permitNumber(agencyShortName: string, year: number, seq: number): string {
  const d = POLICY_KINDS['licensing.numbering'].nationalDefault;
  return renderDocumentNumber(d.permitTemplate, { agencyShortName, year, seq, seqDigits: d.permitSeqDigits });
}

export const LICENCE_STATUSES = ['valid', 'amended', 'reissued', 'revoked'] as const;
export type LicenceStatus = (typeof LICENCE_STATUSES)[number];
export const LICENCE_STATUS_LABELS: Record<LicenceStatus, string> = {
  valid: '有效',
  amended: '已变更（以新证为准）',
  reissued: '已补发（原证作废）',
  revoked: '已撤销',
};

/** Outcomes of the post-issue verification of a commitment (LIC-03). */
export const VERIFICATION_OUTCOMES = ['confirmed', 'rectification', 'false_commitment'] as const;
export type VerificationOutcome = (typeof VERIFICATION_OUTCOMES)[number];
