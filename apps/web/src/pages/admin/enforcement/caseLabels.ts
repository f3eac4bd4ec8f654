/** Colours of a case's status tag (the words come from the API's statusLabel, shared with the domain). */
export const CASE_STATUS_COLORS: Record<string, string> = {
  referred: 'gold',
  investigating: 'processing',
  notice_served: 'cyan',
  hearing_requested: 'purple',
  hearing_scheduled: 'purple',
  heard: 'purple',
  legal_review: 'geekblue',
  awaiting_decision: 'orange',
  decided: 'blue',
  served: 'blue',
  closed: 'success',
  not_filed: 'default',
  transferred: 'default',
  revoked: 'error',
};
