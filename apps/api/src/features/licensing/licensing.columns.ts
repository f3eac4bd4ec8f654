import {
  ApplicationDecisionView,
  ApplicationNoticeRequest,
  AppointmentPreference,
  CommitmentSignature,
  ExemptionOutcomeView,
  LicenceChangeRequest,
  LicenceDeliveryRequest,
  LicenceRevocationRequest,
} from '@fep/contracts';
import { commitmentSchema } from '@fep/domain';
import { Type } from 'typebox';
import { jsonColumn } from '../../db/json.ts';

/**
 * The JSON columns of the licensing tables (`applications`, `application_notices`, `licences`,
 * `licence_requests`), each read and written through its schema (db/json.ts). The schemas are the
 * request schemas the documents were accepted under (packages/contracts), plus what the server adds.
 */

/** The applicant's materials: file ids by the guide's material code. */
const MaterialFiles = Type.Record(Type.String({ pattern: '^[a-z_]{2,40}$' }), Type.Array(Type.String()));
export const MATERIALS = jsonColumn('applications.materials_json', MaterialFiles);

/** The files of a change or reissue request of a permit, by material code. */
export const REQUEST_MATERIALS = jsonColumn('licence_requests.materials_json', MaterialFiles);

/** Material codes accepted as pending (容缺) and still owed. */
export const PENDING = jsonColumn('applications.pending_json', Type.Array(Type.String()));

/** The versionKey of every policy kind the application was judged under. */
export const POLICY_VERSIONS = jsonColumn('applications.policy_json', Type.Record(Type.String(), Type.String()));

/**
 * The commitment (告知承诺书, LIC-03) as signed: the applicant's signature, and from submission on the
 * time, the region's template the applicant signed and that template's policy version (what was promised
 * must stay readable after the template changes).
 */
export const COMMITMENT = jsonColumn(
  'applications.commitment_json',
  Type.Object({
    ...CommitmentSignature.properties,
    signedAt: Type.Optional(Type.String()),
    template: Type.Optional(commitmentSchema.properties.template),
    templateVersion: Type.Optional(Type.String()),
  }),
);

/** When the applicant would like the opening check (LIC-11), as requested. */
export const APPOINTMENT = jsonColumn('applications.appointment_json', AppointmentPreference);

/** The exemption check made at submission (LIC-02), kept with the rule that matched. */
export const EXEMPTION = jsonColumn('applications.exemption_json', ExemptionOutcomeView);

/**
 * How the application ended: one of the four documents the use cases write — granted under the commitment
 * path at acceptance (accept-application), granted or refused with reasons (decide-application), rejected
 * at intake (reject-at-intake), withdrawn by the applicant (withdraw-application). The view in contracts is
 * one object with every field optional; stored, each kind has exactly its fields.
 */
const Decision = <K extends keyof typeof ApplicationDecisionView.properties>(keys: K[]) =>
  Type.Required(Type.Pick(ApplicationDecisionView, keys), { additionalProperties: false });
export const DECISION = jsonColumn(
  'applications.decision_json',
  Type.Union([
    Decision(['grant', 'basis', 'by', 'at']),
    Decision(['grant', 'reasons', 'by', 'at']),
    Decision(['rejectedAtIntake', 'reasons', 'by']),
    Decision(['withdrawn', 'reason']),
  ]),
);

/** The items of a one-time correction notice (一次性告知, LIC-06), as the clerk issued them. */
export const NOTICE_ITEMS = jsonColumn('application_notices.items_json', ApplicationNoticeRequest.properties.items);

/** The revocation of a permit (LIC-09): the reason and legal basis given, who revoked it and when. */
export const REVOCATION = jsonColumn(
  'licences.revocation_json',
  Type.Object({ ...LicenceRevocationRequest.properties, by: Type.String(), at: Type.String() }, { additionalProperties: false }),
);

/** The delivery of a permit (LIC-10) as recorded: the request, the carrier (EMS by default), when and by whom. */
export const DELIVERY = jsonColumn(
  'licences.delivery_json',
  Type.Object({ ...LicenceDeliveryRequest.properties, recordedAt: Type.String(), by: Type.String() }, { additionalProperties: false }),
);

/** The changed permit facts of a change request (LIC-08), as requested. */
export const CHANGES = jsonColumn('licence_requests.changes_json', LicenceChangeRequest.properties.changes);

/**
 * The content snapshot of an intake document (`application_documents.content_json`): everything its PDF
 * prints except the QR code (whose URL carries the signature made when the PDF is rendered), recorded in
 * the act's transaction so the sealed PDF can be rendered after the commit from the facts as issued.
 */
export const INTAKE_DOCUMENT_CONTENT = jsonColumn(
  'application_documents.content_json',
  Type.Object(
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
  ),
);
