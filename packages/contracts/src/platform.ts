/** System routes: health, demo clock, event dead letters, files (apps/api/src/app.ts, platform/events, platform/files, demo). */
import { type Static, Type } from 'typebox';
import { Nullable } from './common.ts';

/** GET /api/health. */
export const HealthView = Type.Object({ status: Type.Literal('ok') });
export type HealthView = Static<typeof HealthView>;

/** POST /api/v1/demo/clock (demo mode only). */
export const DemoClockRequest = Type.Object({ now: Type.String({ format: 'date-time' }) });
export type DemoClockRequest = Static<typeof DemoClockRequest>;
export const DemoClockView = Type.Object({ now: Type.String() });
export type DemoClockView = Static<typeof DemoClockView>;

/** GET /api/v1/events/dead-letters. */
export const DeadLetterQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) });
export type DeadLetterQuery = Static<typeof DeadLetterQuery>;
/** A domain event one subscriber failed to handle after every attempt. */
export const DeadLetterView = Type.Object({
  eventId: Type.String(),
  type: Type.String(),
  targetType: Nullable(Type.String()),
  targetId: Nullable(Type.String()),
  occurredAt: Type.String(),
  subscriber: Type.String(),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
});
export type DeadLetterView = Static<typeof DeadLetterView>;
export const DeadLetterListView = Type.Object({ items: Type.Array(DeadLetterView) });
export type DeadLetterListView = Static<typeof DeadLetterListView>;
/** POST /api/v1/events/dead-letters/:eventId/:subscriber/retry. */
export const DeadLetterParams = Type.Object({ eventId: Type.String({ maxLength: 64 }), subscriber: Type.String({ maxLength: 120 }) });
export type DeadLetterParams = Static<typeof DeadLetterParams>;
export const DeadLetterRetryView = Type.Object({ status: Type.Literal('pending') });
export type DeadLetterRetryView = Static<typeof DeadLetterRetryView>;

/** POST /api/v1/files (multipart): the stored file, its type as recognised from its content. */
export const StoredFileView = Type.Object({ id: Type.String(), sha256: Type.String(), size: Type.Integer(), contentType: Type.String(), name: Type.String() });
export type StoredFileView = Static<typeof StoredFileView>;
/** GET /api/v1/files/:id: the file as uploaded (image/jpeg, image/png, image/webp or application/pdf). */
export const StoredFileDownload = Type.Unsafe<Uint8Array>(
  Type.String({ format: 'binary', description: '上传的文件（image/jpeg、image/png、image/webp 或 application/pdf）' }),
);
