import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { recordRefusal } from '../audit/refusals.ts';
import { AppError, refusalOf } from '../errors.ts';
import { actorOf } from './actor.ts';

const FIELD_MESSAGES: Record<string, string> = {
  required: '缺少必填项',
  type: '类型不正确',
  pattern: '格式不正确',
  format: '格式不正确',
  minLength: '长度不足',
  maxLength: '过长',
  minimum: '小于允许的最小值',
  maximum: '大于允许的最大值',
  enum: '不是允许的取值',
  const: '不是允许的取值',
  additionalProperties: '含有不允许的字段',
  anyOf: '不是允许的取值',
  minItems: '项数不足',
  maxItems: '项数过多',
};

interface ValidationItem {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/**
 * One error handler: every error leaves as `{ code, message, details }` with a stable code. A refusal of a
 * signed-in account (errors.ts `refusalOf`) is first recorded as a security event, after any transaction of
 * the request rolled back and in one of its own (so it keeps no Idempotency-Key answer with it).
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(async (err: FastifyError | AppError | Error, req, reply) => {
    if (err instanceof AppError) {
      await recordIfRefusal(req, err);
      return reply.code(err.status).send({ code: err.code, message: err.message, details: err.details ?? null });
    }
    const fe = err as FastifyError & { validation?: ValidationItem[]; validationContext?: string };
    if (fe.validation) {
      const problems = fe.validation.map((v) => {
        const base = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const field = v.keyword === 'required' ? [base, String(v.params.missingProperty ?? '')].filter(Boolean).join('.') : base || fe.validationContext || '';
        const allowed = (v.params.allowedValues as unknown[] | undefined) ?? undefined;
        return { field, problem: FIELD_MESSAGES[v.keyword] ?? '不符合要求', ...(allowed ? { allowed } : {}) };
      });
      const first = problems[0];
      return reply.code(400).send({
        code: 'REQUEST.VALIDATION',
        message: first
          ? `请求参数不符合要求：${first.field || fe.validationContext} ${first.problem}${first.allowed ? `（可选：${first.allowed.join('、')}）` : ''}`
          : '请求参数不符合要求',
        details: { in: fe.validationContext, problems },
      });
    }
    if (multipartParseError(err, req.headers['content-type']))
      return reply.code(400).send({ code: 'REQUEST.MULTIPART_INVALID', message: '上传内容格式不正确，请重新选择文件上传', details: null });
    const race = concurrencyConflict(err);
    if (race) return reply.code(409).send({ code: 'REQUEST.CONFLICT', message: '该记录刚被另一笔操作修改，请刷新后重试', details: { reason: race } });
    const status = fe.statusCode ?? 500;
    if (status === 413) return reply.code(413).send({ code: 'REQUEST.TOO_LARGE', message: '请求内容过大', details: null });
    if (status === 415) return reply.code(415).send({ code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE', message: '不支持的内容类型', details: null });
    if (status >= 400 && status < 500)
      return reply.code(status).send({ code: 'REQUEST.INVALID', message: '请求无效，请检查后重试', details: { reason: fe.code ?? null } });
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send({ code: 'INTERNAL', message: '系统内部错误，请稍后重试；如持续出现请联系管理员', details: { requestId: req.id } });
  });
}

async function recordIfRefusal(req: FastifyRequest, err: AppError): Promise<void> {
  const refusal = req.auth ? refusalOf(err) : null;
  if (!refusal) return;
  try {
    await recordRefusal(req.server.ctx, actorOf(req), {
      route: `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`,
      code: err.code,
      reason: refusal.reason,
      ...(refusal.target ? { target: refusal.target } : {}),
    });
  } catch (e) {
    // The caller is answered the refusal either way; a store that cannot take the event is an operations alarm.
    req.log.error({ err: e }, 'security event (refusal) not recorded');
  }
}

/**
 * A multipart body the parser (busboy) could not read — a wrong boundary, a truncated body. Its errors carry
 * no status or code, so they are known by where they come from, and only on a multipart request.
 */
function multipartParseError(err: unknown, contentType: string | undefined): boolean {
  if (!contentType?.toLowerCase().startsWith('multipart/')) return false;
  const e = err as { statusCode?: unknown; stack?: unknown; message?: unknown };
  if (e.statusCode !== undefined) return false;
  return (typeof e.stack === 'string' && e.stack.includes('/@fastify/busboy/')) || (typeof e.message === 'string' && /multipart|part header/i.test(e.message));
}

/**
 * Ajv coerces a query value such as `1e309` to Infinity and lets it through an integer schema (and
 * a JSON body's 1e309 parses as Infinity too); no input of this API is infinite or NaN, and none holds a NUL
 * character (PostgreSQL refuses it in text). Refused before any handler sees it, as a validation error
 * naming the field.
 */
export function installInputGuards(app: FastifyInstance): void {
  app.addHook('preHandler', async (req) => {
    for (const [where, value] of [
      ['querystring', req.query],
      ['params', req.params],
      ['body', req.body],
    ] as const) {
      const field = nonFinite(value, '', 0);
      if (field !== null) {
        const name = field || where;
        throw Object.assign(new Error('non-finite number'), {
          validation: [{ keyword: 'type', instancePath: `/${name.replaceAll('.', '/')}`, params: {} }],
          validationContext: where,
        });
      }
    }
  });
}

function nonFinite(v: unknown, path: string, depth: number): string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? null : path;
  // PostgreSQL text cannot hold NUL, and no field of this API has one: refused alike on both stores.
  if (typeof v === 'string') return v.includes('\u0000') ? path : null;
  if (depth > 20 || v === null || typeof v !== 'object' || Buffer.isBuffer(v)) return null;
  for (const [k, x] of Object.entries(v)) {
    const found = nonFinite(x, path ? `${path}.${k}` : k, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/**
 * The database refused a write because a concurrent one got there first (a unique key, or PostgreSQL
 * aborting one of two transactions). Transitions are compare-and-set and answer their own 409; this is the
 * safety net, so that the loser of a race is told to retry instead of seeing a 500.
 */
export function concurrencyConflict(err: unknown): string | null {
  const e = err as { code?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (code === '23505') return 'unique';
  if (code === '40001') return 'serialization';
  if (code === '40P01') return 'deadlock';
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return 'unique';
  return null;
}
