import { CaseCreateBody, DiscretionView, MapPoint, PaymentPlanBody, SealDecisionBody } from '@fep/contracts';
import { Type } from 'typebox';
import { jsonColumn } from '../../db/json.ts';

/** The JSON columns of `enforcement_cases`, each read and written through its schema (db/json.ts). */

/** The circumstances the officer recorded, as the engine took them (ENF-02). */
export const CASE_CIRCUMSTANCES = jsonColumn('enforcement_cases.circumstances_json', CaseCreateBody.properties.circumstances);

/** The engine's proposal the case is decided against, with the policy version it came from. */
export const CASE_PROPOSAL = jsonColumn('enforcement_cases.proposal_json', DiscretionView);

/** The certified officers of the case (双人执法, 行政处罚法 art. 42): user ids, the one who opened it first. */
export const CASE_OFFICERS = jsonColumn('enforcement_cases.officer_ids_json', Type.Array(Type.String(), { maxItems: 4 }));

/** The schedule of a deferral or instalments (art. 66 ¶2): each due date with its amount. */
export const PAYMENT_PLAN_SCHEDULE = jsonColumn('enforcement_payment_plans.schedule_json', PaymentPlanBody.properties.schedule);

/** The JSON columns of `enforcement_seals` and `enforcement_seal_requests` (ENF-05). */
const FileIdList = (max: number) => Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: max });

/** Photos of the sealed parts (stored file ids), as the officers attached them. */
export const SEAL_PHOTOS = jsonColumn('enforcement_seals.photo_ids_json', FileIdList(20));

/** The map point of the sealed place, where the officers gave one. */
export const SEAL_MAP_POINT = jsonColumn('enforcement_seals.map_point_json', MapPoint);

/** The two officers of the seal (行政强制法 art. 18 (2)), the proposer first. */
export const SEAL_OFFICERS = jsonColumn('enforcement_seals.officer_ids_json', Type.Array(Type.String(), { maxItems: 4 }));

/** Who took part in the collective discussion (集体研究, 消防监督检查规定 art. 23), by name and post. */
export const SEAL_PARTICIPANTS = jsonColumn('enforcement_seals.collective_participants_json', SealDecisionBody.properties.participants);

/** Photos the unit attached to a request (of the rectification done). */
export const SEAL_REQUEST_PHOTOS = jsonColumn('enforcement_seal_requests.photo_ids_json', FileIdList(10));
/**
 * The content snapshot of a case document (`enforcement_documents.content_json`): everything its PDF prints
 * except the QR code (whose URL carries the signature made when the PDF is rendered), recorded in the act's
 * transaction so the sealed PDF is rendered after the commit from the facts as issued.
 */
const DocumentContent = Type.Object(
  {
    layout: Type.Literal('notice'),
    title: Type.String(),
    number: Type.String(),
    addressee: Type.String(),
    paragraphs: Type.Array(Type.String()),
    rows: Type.Array(Type.Tuple([Type.String(), Type.String()])),
    basis: Type.String(),
    agencyName: Type.String(),
    issuedOn: Type.String(),
    footer: Type.String(),
    subject: Type.String(),
  },
  { additionalProperties: false },
);
export const CASE_DOCUMENT_CONTENT = jsonColumn('enforcement_documents.content_json', DocumentContent);

/** The content snapshot of a seal's 临时查封决定书 (`enforcement_seal_documents.content_json`), the same shape. */
export const SEAL_DOCUMENT_CONTENT = jsonColumn('enforcement_seal_documents.content_json', DocumentContent);
