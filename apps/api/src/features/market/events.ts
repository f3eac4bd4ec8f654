/**
 * Facts the market feature publishes (MKT-01). A violation of 消防法 art. 69 was recorded against a technical
 * service organisation (and its signing engineer): credit records it for the organisation (by its USCI) and for
 * the engineer as a person subject (by the key derived from the certificate number, never the number itself).
 * The payload carries everything credit needs, so credit reads none of market's tables.
 */
export const ART69_VIOLATION_RECORDED = 'market.art69_violation_recorded';

export interface Art69ViolationRecorded {
  violationId: string;
  agencyId: string;
  organisationUsci: string;
  organisationName: string;
  kind: 'false_document' | 'inaccurate_document';
  severity: 'general' | 'serious';
  /** Chinese, as the credit record reads: the kind, the report number and the facts. */
  reason: string;
  engineer: { subjectKey: string; name: string } | null;
}
