/**
 * A check triggered by remote monitoring (MON-01 → SUP-06): a unit whose fire alarms (real or false), faults and
 * supervisory alarms in the window, or a transmission device silent for long, pass the thresholds of the policy
 * `monitoring.check_trigger` is inspected apart from the random draw. 国发〔2019〕5号 has the problems found by
 * complaints, referrals and **data monitoring** checked in a targeted way beside the random checks; the numbers
 * are the jurisdiction's (no national figures were found: every default is to be confirmed).
 */
export type MonitoringCheckTriggerPolicy = {
  windowDays: number;
  /** Fire alarms (real or false) in the window at which a check is opened; 0 turns the condition off. */
  fireAlarms: number;
  /** Faults and supervisory alarms in the window; 0 turns it off. */
  faults: number;
  /** Hours a registered device has been silent (offline) at which a check is opened; 0 turns it off. */
  offlineHours: number;
};

export interface MonitoringCheckFacts {
  fireAlarms: number;
  faults: number;
  /** Hours the longest-silent offline device of the unit has been silent; null when none is offline. */
  longestOfflineHours: number | null;
}

/** The reasons, in Chinese, a unit is to be checked; empty when none holds. */
export function monitoringCheckReasons(f: MonitoringCheckFacts, p: MonitoringCheckTriggerPolicy): string[] {
  const out: string[] = [];
  if (p.fireAlarms > 0 && f.fireAlarms >= p.fireAlarms) out.push(`近${p.windowDays}天火警信号 ${f.fireAlarms} 次（达到 ${p.fireAlarms} 次）`);
  if (p.faults > 0 && f.faults >= p.faults) out.push(`近${p.windowDays}天故障和监管报警 ${f.faults} 次（达到 ${p.faults} 次）`);
  if (p.offlineHours > 0 && f.longestOfflineHours !== null && f.longestOfflineHours >= p.offlineHours)
    out.push(`用户信息传输装置离线 ${Math.floor(f.longestOfflineHours)} 小时（达到 ${p.offlineHours} 小时）`);
  return out;
}
