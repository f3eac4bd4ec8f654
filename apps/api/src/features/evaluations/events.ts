/**
 * An evaluation was given here (SVC-02): the government 好差评 system is told (MON-03, 国办发〔2019〕51号: every
 * channel's evaluations reach the national system). A review pulled back from that system emits nothing.
 */
export const EVALUATION_SUBMITTED = 'evaluations.evaluation_submitted';
export interface EvaluationSubmitted {
  evaluationId: string;
  matterType: string;
  matterId: string;
  matterTitle: string;
  agencyId: string;
  agencyPath: string;
  level: number;
  levelLabel: string;
  tags: string[];
  comment: string | null;
  realName: boolean;
  evaluatedAt: string;
}
