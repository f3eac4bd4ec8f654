import { DELIVERY_TOPIC_SCOPE, type DeliveryTopic } from '@fep/domain';
import type { Subscriber } from '../../platform/events/bus.ts';
import { queuePushRecorded } from '../../platform/partners/outbox.ts';
import { partnersWithScope } from '../../platform/partners/partners.ts';
import type { Deps } from '../../platform/transact.ts';
import { EVALUATION_SUBMITTED, type EvaluationSubmitted } from '../evaluations/index.ts';
import {
  APPLICATION_ACCEPTED,
  APPLICATION_REFUSED,
  APPLICATION_SUBMITTED,
  type ApplicationFact,
  applicationForPartner,
  LICENCE_CHANGED,
  type LicenceChanged,
  licenceForPartner,
  NOTICE_ISSUED,
  PERMIT_GRANTED,
  type PermitGranted,
} from '../licensing/index.ts';
import { RANDOM_CHECK_RECORDED, type RandomCheckRecorded } from '../supervision/index.ts';
import { presentPortalApplication } from './use-cases/portal.ts';

/**
 * What the gateway pushes (MON-03), each a subscriber of a domain event queuing into the one outbox
 * (platform/partners/outbox.ts) — only when some partner holds the topic's scope, so a platform with no partner
 * records nothing. The payload is read when the event is dispatched and carries what the partner needs; the
 * dedupe key is the fact, so a retried dispatch queues nothing twice.
 */
const APPLICATION_EVENT_LABELS: Record<string, string> = {
  [APPLICATION_SUBMITTED]: '已提交',
  [APPLICATION_ACCEPTED]: '已受理',
  [NOTICE_ISSUED]: '一次性告知补正',
  [PERMIT_GRANTED]: '准予许可，已发证',
  [APPLICATION_REFUSED]: '不予许可',
};

async function anyPartner(deps: Deps, topic: DeliveryTopic): Promise<boolean> {
  return (await partnersWithScope(deps.database.db, DELIVERY_TOPIC_SCOPE[topic])).length > 0;
}

export function elicenceView(l: NonNullable<Awaited<ReturnType<typeof licenceForPartner>>>) {
  const { agencyPath: _, ...shown } = l;
  return { ...shown, pdfPath: `/api/v1/partners/elicence/licences/${l.verifyCode}/pdf` };
}

/** Status changes and the result of an application a unified portal filed, back to that portal. */
const portalCallbacks: Subscriber = {
  name: 'gateway.portal_callback',
  types: Object.keys(APPLICATION_EVENT_LABELS),
  async handle(deps, event) {
    const fact = event.payload as unknown as ApplicationFact;
    const who = await deps.database.db.selectFrom('gateway_identities').select('partner_id').where('user_id', '=', fact.applicantUserId).executeTakeFirst();
    if (!who) return;
    const a = await applicationForPartner(deps.database.db, fact.applicationId);
    if (!a) return;
    await queuePushRecorded(deps, {
      topic: 'portal.application_status',
      dedupeKey: `portal:${event.id}`,
      subject: `办件 ${a.referenceNo}：${APPLICATION_EVENT_LABELS[event.type]}`,
      data: {
        event: event.type,
        eventLabel: APPLICATION_EVENT_LABELS[event.type],
        occurredAt: event.occurredAt,
        application: presentPortalApplication(deps, a),
      },
      agencyPath: fact.agencyPath,
      partnerIds: [who.partner_id],
    });
  },
};

/** E-licence sharing: a permit issued, amended, reissued or revoked. */
const elicencePush: Subscriber = {
  name: 'gateway.elicence_push',
  types: [PERMIT_GRANTED, LICENCE_CHANGED],
  async handle(deps, event) {
    if (!(await anyPartner(deps, 'elicence.changed'))) return;
    const granted = event.type === PERMIT_GRANTED ? (event.payload as unknown as PermitGranted) : null;
    const changed = event.type === LICENCE_CHANGED ? (event.payload as unknown as LicenceChanged) : null;
    const licenceId = granted?.licenceId ?? changed!.licenceId;
    const licence = await licenceForPartner(deps, licenceId);
    if (!licence) return;
    const current = changed?.currentLicenceId ? await licenceForPartner(deps, changed.currentLicenceId) : null;
    const change = granted ? 'issued' : changed!.change;
    await queuePushRecorded(deps, {
      topic: 'elicence.changed',
      dedupeKey: `elicence:${event.id}`,
      subject: `许可证 ${licence.number}（${{ issued: '发证', amended: '变更', reissued: '补发', revoked: '撤销' }[change]}）`,
      agencyPath: licence.agencyPath,
      data: { change, usci: licence.usci, licence: elicenceView(licence), current: current ? elicenceView(current) : null },
    });
  },
};

/**
 * 双随机 results to the national platform, due within the `supervision.publication` policy's days of the check
 * (国发〔2019〕5号: 20 days): the delivery carries its due moment — the end of the last day, Beijing time.
 */
const randomResults: Subscriber = {
  name: 'gateway.random_inspection_result',
  types: [RANDOM_CHECK_RECORDED],
  async handle(deps, event) {
    if (!(await anyPartner(deps, 'random_inspection.result'))) return;
    const f = event.payload as unknown as RandomCheckRecorded;
    await queuePushRecorded(deps, {
      topic: 'random_inspection.result',
      dedupeKey: `ssj:${f.taskId}`,
      subject: `抽查结果：${f.subjectName}（${f.checkedOn}）`,
      agencyPath: f.agencyPath,
      data: {
        format: 'FEP-SSJ v1',
        result: {
          taskId: f.taskId,
          planId: f.planId,
          usci: f.usci,
          subjectName: f.subjectName,
          agencyName: f.agencyName,
          checkedOn: f.checkedOn,
          result: f.result,
          hazardCount: f.hazardCount,
          orderNumber: f.orderNumber,
          publishBy: f.publishBy,
        },
      },
      due: {
        at: new Date(`${f.publishBy}T23:59:59.999+08:00`).toISOString(),
        basis: `${f.publishRule.legalBasis}：检查之日起 ${f.publishRule.days} 日内（日历日）`,
      },
    });
  },
};

/** Every evaluation given here, to the government 好差评 system (国办发〔2019〕51号). */
const evaluationPush: Subscriber = {
  name: 'gateway.evaluation_push',
  types: [EVALUATION_SUBMITTED],
  async handle(deps, event) {
    if (!(await anyPartner(deps, 'evaluation.submitted'))) return;
    const f = event.payload as unknown as EvaluationSubmitted;
    const { agencyPath: _path, agencyId: _id, ...told } = f;
    await queuePushRecorded(deps, {
      topic: 'evaluation.submitted',
      dedupeKey: `evaluation:${f.evaluationId}`,
      subject: `评价：${f.matterTitle}（${f.levelLabel}）`,
      agencyPath: f.agencyPath,
      data: { ...told },
    });
  },
};

export const gatewaySubscribers: Subscriber[] = [portalCallbacks, elicencePush, randomResults, evaluationPush];
