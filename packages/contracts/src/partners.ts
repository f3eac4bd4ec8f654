/**
 * The partner gateway (MON-03; apps/api/src/platform/partners and features/gateway): partners registered by an
 * administrator, the delivery log of outbound pushes, and the routes partners call — unified service portal intake,
 * e-licence sharing, the national 双随机 export, 好差评 bad reviews. Formats: docs/partners.md.
 */
import { DELIVERY_TOPICS, PARTNER_DELIVERY_STATUSES, PARTNER_KINDS, PARTNER_SCOPES } from '@fep/domain';
import { type Static, Type } from 'typebox';
import { Nullable, PageOf, PageParams } from './common.ts';

const OneOf = <const K extends string>(values: readonly K[]) => Type.Unsafe<K>(Type.Union(values.map((v) => Type.Literal(v))));
const Usci = Type.String({ pattern: '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$', description: '统一社会信用代码' });

export const PartnerKindValue = OneOf(PARTNER_KINDS);
export const PartnerScopeValue = OneOf(PARTNER_SCOPES);

/**
 * The SHA-256 fingerprint of a partner's client certificate (mutual TLS behind the proxy), as tools print it: 64 hex
 * characters, colons allowed. Its format is checked by the use case (a Chinese message naming the field).
 */
const ClientCertSha256 = Type.String({ maxLength: 100, description: '客户端证书 SHA-256 指纹（64 位十六进制，可用冒号分隔）' });

/** POST /api/v1/gateway/partners (administrator). */
export const PartnerCreateBody = Type.Object(
  {
    kind: PartnerKindValue,
    name: Type.String({ minLength: 2, maxLength: 100, description: '平台名称' }),
    scopes: Type.Optional(Type.Array(PartnerScopeValue, { maxItems: 20, description: '授权范围（不填则按平台类型默认）' })),
    callbackUrl: Type.Optional(Nullable(Type.String({ maxLength: 500, description: '接收推送的地址' }))),
    regionCode: Type.Optional(Nullable(Type.String({ pattern: '^\\d{6}$' }))),
    clientCertSha256: Type.Optional(Nullable(ClientCertSha256)),
  },
  { additionalProperties: false },
);
export type PartnerCreateBody = Static<typeof PartnerCreateBody>;
/** PUT /api/v1/gateway/partners/:id/certificate: set (or clear, null) the client certificate's fingerprint. */
export const PartnerCertificateBody = Type.Object(
  { version: Type.Integer({ minimum: 0 }), clientCertSha256: Nullable(ClientCertSha256) },
  { additionalProperties: false },
);
export type PartnerCertificateBody = Static<typeof PartnerCertificateBody>;

export const PartnerView = Type.Object({
  id: Type.String(),
  kind: PartnerKindValue,
  kindLabel: Type.String(),
  name: Type.String(),
  keyId: Type.String(),
  scopes: Type.Array(PartnerScopeValue),
  scopeLabels: Type.Array(Type.String()),
  callbackUrl: Nullable(Type.String()),
  /** Set: the partner authenticates by mutual TLS with this certificate (lowercase hex), not by signed requests. */
  clientCertSha256: Nullable(Type.String()),
  authLabel: Type.String(),
  status: OneOf(['active', 'revoked'] as const),
  statusLabel: Type.String(),
  createdAt: Type.String(),
  revokedAt: Nullable(Type.String()),
  version: Type.Integer(),
});
export type PartnerView = Static<typeof PartnerView>;
/** The registration's answer: the signing secret, shown this once. */
export const PartnerCreatedView = Type.Object({ ...PartnerView.properties, secret: Type.String() });
export type PartnerCreatedView = Static<typeof PartnerCreatedView>;
export const PartnerListView = Type.Object({ items: Type.Array(PartnerView) });
export type PartnerListView = Static<typeof PartnerListView>;
export const VersionBody = Type.Object({ version: Type.Integer({ minimum: 0 }) }, { additionalProperties: false });
export type VersionBody = Static<typeof VersionBody>;

/** GET /api/v1/gateway/deliveries: the delivery log. */
export const DeliveryQuery = Type.Object({
  ...PageParams,
  status: Type.Optional(Type.String({ maxLength: 100 })),
  topic: Type.Optional(OneOf(DELIVERY_TOPICS)),
});
export type DeliveryQuery = Static<typeof DeliveryQuery>;

export const DeliveryRow = Type.Object({
  id: Type.String(),
  partnerName: Type.String(),
  partnerKindLabel: Type.String(),
  topic: Type.String(),
  topicLabel: Type.String(),
  subject: Type.String(),
  status: OneOf(PARTNER_DELIVERY_STATUSES),
  statusLabel: Type.String(),
  attempts: Type.Integer(),
  maxAttempts: Type.Integer(),
  nextAttemptAt: Nullable(Type.String()),
  dueAt: Nullable(Type.String()),
  dueBasis: Nullable(Type.String()),
  overdue: Type.Boolean(),
  lastError: Nullable(Type.String()),
  lastHttpStatus: Nullable(Type.Integer()),
  deliveredAt: Nullable(Type.String()),
  createdAt: Type.String(),
  version: Type.Integer(),
  replayable: Type.Boolean(),
});
export type DeliveryRow = Static<typeof DeliveryRow>;
export const DeliveryPage = PageOf(DeliveryRow);
export type DeliveryPage = Static<typeof DeliveryPage>;

export const DeliveryLogEntry = Type.Object({
  attempt: Type.Integer(),
  kind: OneOf(['send', 'replay'] as const),
  kindLabel: Type.String(),
  outcome: OneOf(['delivered', 'failed', 'dead', 'requeued'] as const),
  outcomeLabel: Type.String(),
  httpStatus: Nullable(Type.Integer()),
  error: Nullable(Type.String()),
  durationMs: Nullable(Type.Integer()),
  at: Type.String(),
});
export const DeliveryDetailView = Type.Object({ ...DeliveryRow.properties, payload: Type.String(), log: Type.Array(DeliveryLogEntry) });
export type DeliveryDetailView = Static<typeof DeliveryDetailView>;

export const InboundRefusalView = Type.Object({
  id: Type.String(),
  partnerName: Nullable(Type.String()),
  method: Type.String(),
  path: Type.String(),
  code: Type.String(),
  reason: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  at: Type.String(),
});
export const InboundRefusalList = Type.Object({ items: Type.Array(InboundRefusalView) });
export type InboundRefusalList = Static<typeof InboundRefusalList>;

// ---- Routes partners call (signed; docs/partners.md) ----

/** POST /api/v1/partners/portal/files: a material the portal's user uploads, as base64 (JPEG, PNG, WEBP or PDF). */
export const PortalFileBody = Type.Object(
  {
    filename: Type.String({ minLength: 1, maxLength: 200 }),
    contentBase64: Type.String({ minLength: 4, maxLength: 14_000_000, pattern: '^[A-Za-z0-9+/=]+$' }),
  },
  { additionalProperties: false },
);
export type PortalFileBody = Static<typeof PortalFileBody>;
export const PortalFileView = Type.Object({ id: Type.String(), name: Type.String(), contentType: Type.String() });
export type PortalFileView = Static<typeof PortalFileView>;

export const PortalPermitView = Type.Object({
  number: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  issuedOn: Type.String(),
  /** The sealed PDF through the gateway (a signed GET), and the public verification page. */
  pdfPath: Type.String(),
  verifyUrl: Type.String(),
});
/** The state of an application filed through a portal (the answer of a submission and of a status query). */
export const PortalApplicationView = Type.Object({
  applicationId: Type.String(),
  referenceNo: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  submittedAt: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  permit: Nullable(PortalPermitView),
});
export type PortalApplicationView = Static<typeof PortalApplicationView>;
export const PortalReferenceParams = Type.Object({ referenceNo: Type.String({ minLength: 4, maxLength: 64 }) });

/** GET /api/v1/partners/elicence/licences?usci= */
export const ElicenceQuery = Type.Object({ usci: Usci });
export const ElicenceItem = Type.Object({
  number: Type.String(),
  revision: Type.Integer(),
  holder: Type.String(),
  usci: Type.String(),
  venueName: Type.String(),
  venueAddress: Type.String(),
  issuer: Type.String(),
  issuedOn: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  /** Whether the stored PDF's electronic seal (SM2 over SM3) verifies now. */
  sealValid: Type.Boolean(),
  sealDigest: Type.String(),
  verifyCode: Type.String(),
  verifyUrl: Type.String(),
  pdfPath: Type.String(),
});
export const ElicenceList = Type.Object({ usci: Type.String(), items: Type.Array(ElicenceItem) });
export type ElicenceList = Static<typeof ElicenceList>;
/** A permit by its verification code (printed on it and in its QR code). */
export const LicenceCodeParams = Type.Object({ code: Type.String({ pattern: '^[A-Za-z0-9]{12}$' }) });

/** GET /api/v1/partners/random-inspection/export?from=&to= (format FEP-SSJ v1, docs/partners.md). */
export const RandomExportQuery = Type.Object({
  from: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '计划开始日期不早于' }),
  to: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '计划开始日期不晚于' }),
});
export type RandomExportQuery = Static<typeof RandomExportQuery>;
export const RandomExportItem = Type.Object({ code: Type.String(), title: Type.String(), legalBasis: Type.String() });
export const RandomExportResult = Type.Object({
  taskId: Type.String(),
  planId: Type.String(),
  usci: Type.String(),
  subjectName: Type.String(),
  checkedOn: Type.String(),
  result: Type.String(),
  resultLabel: Type.String(),
  hazardCount: Type.Integer(),
  agencyName: Type.String(),
  publishBy: Type.String(),
});
export type RandomExportResult = Static<typeof RandomExportResult>;
export const RandomExportTask = Type.Object({
  taskId: Type.String(),
  planId: Type.String(),
  usci: Type.String(),
  subjectName: Type.String(),
  status: Type.String(),
  inspectorCount: Type.Integer(),
  dueDate: Nullable(Type.String()),
});
export const RandomExportPlan = Type.Object({
  planId: Type.String(),
  title: Type.String(),
  agencyName: Type.String(),
  regionCode: Type.String(),
  startDate: Type.String(),
  endDate: Type.String(),
  status: Type.String(),
  inputsSm3: Nullable(Type.String()),
  itemCodes: Type.Array(Type.String()),
});
export const RandomExportView = Type.Object({
  format: Type.Literal('FEP-SSJ v1'),
  generatedAt: Type.String(),
  from: Type.String(),
  to: Type.String(),
  plans: Type.Array(RandomExportPlan),
  items: Type.Array(RandomExportItem),
  tasks: Type.Array(RandomExportTask),
  results: Type.Array(RandomExportResult),
});
export type RandomExportView = Static<typeof RandomExportView>;

/** POST /api/v1/partners/evaluations/bad-reviews: a bad review the 好差评 system received for one of our matters. */
export const BadReviewBody = Type.Object(
  {
    externalId: Type.String({ minLength: 4, maxLength: 64, pattern: '^[\\x21-\\x7e]+$', description: '好差评系统中的评价编号' }),
    referenceNo: Type.String({ minLength: 4, maxLength: 64, description: '办件编号' }),
    level: Type.Integer({ minimum: 1, maximum: 2, description: '1 非常不满意，2 不满意' }),
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 })),
    comment: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    evaluatorName: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    evaluatorPhone: Type.Optional(Nullable(Type.String({ pattern: '^1\\d{10}$' }))),
    evaluatedAt: Type.String({ description: '评价时间（ISO）' }),
  },
  { additionalProperties: false },
);
export type BadReviewBody = Static<typeof BadReviewBody>;
export const BadReviewAck = Type.Object({ evaluationId: Type.String(), followUpId: Nullable(Type.String()), duplicate: Type.Boolean() });
export type BadReviewAck = Static<typeof BadReviewAck>;
