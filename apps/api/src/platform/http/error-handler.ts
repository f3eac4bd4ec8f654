import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';

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

/** One error handler: every error leaves as `{ code, message, details }` with a stable code. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, req, reply) => {
    if (err instanceof AppError) {
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
