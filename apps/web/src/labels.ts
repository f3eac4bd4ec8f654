/** Chinese labels the pages show, all from @fep/domain (shared with the API); only colours are the web's own. */
import type { RiskLevel } from '@fep/domain';

export { CLOCK_UNIT_LABELS as UNIT_LABELS, RISK_LEVEL_LABELS, ROLE_LABELS, VENUE_KIND_LABELS as VENUE_LABELS } from '@fep/domain';

export const RISK_COLORS: Record<RiskLevel, string> = { low: 'green', medium: 'orange', high: 'red' };

/** The colour of a seal's status tag (ENF-05): in force and emergency stand out, an expired seal is an alarm. */
export const SEAL_STATUS_COLORS: Record<string, string> = {
  proposed: 'gold',
  emergency: 'volcano',
  in_force: 'processing',
  expired_unlifted: 'red',
  lifted: 'success',
  declined: 'default',
};
