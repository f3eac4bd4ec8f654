import { createHmac, randomUUID } from 'node:crypto';
import type { NotificationKind } from '@fep/domain';
import type { Config } from '../../config.ts';

/** One text message: the recipient, and the notification it tells of. */
export interface SmsMessage {
  phone: string;
  kind: NotificationKind;
  title: string;
  body: string;
}

/**
 * The SMS channel's port. Mainland SMS gateways send only pre-approved templates with a registered
 * signature (工信部《短信息服务管理规定》), so an adapter maps the message onto its template; the
 * notification itself is always in the in-app centre.
 */
export interface SmsSender {
  readonly name: string;
  /** Resolves with the provider's message id; rejects with SmsError (permanent: retrying cannot help). */
  send(message: SmsMessage): Promise<{ messageId: string }>;
}

export class SmsError extends Error {
  constructor(
    message: string,
    /** The provider refused the message itself (bad number, template): no retry. */
    readonly permanent = false,
  ) {
    super(message);
    this.name = 'SmsError';
  }
}

/** The local test double: records what it is asked to send; can be told to fail (temporarily or permanently). */
export class TestSmsSender implements SmsSender {
  readonly name = 'test';
  readonly sent: SmsMessage[] = [];
  /** Fail the next n sends (temporary errors: retried with backoff). */
  failNext = 0;
  /** Fail every send until changed. */
  failAll: false | 'temporary' | 'permanent' = false;
  private seq = 0;

  async send(message: SmsMessage): Promise<{ messageId: string }> {
    if (this.failAll) throw new SmsError(`测试短信通道：按设定${this.failAll === 'permanent' ? '拒绝' : '失败'}`, this.failAll === 'permanent');
    if (this.failNext > 0) {
      this.failNext--;
      throw new SmsError('测试短信通道：按设定失败一次');
    }
    this.sent.push(message);
    this.seq++;
    return { messageId: `test-${this.seq}` };
  }
}

export interface AliyunSmsConfig {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  /** One approved notification template with the variable ${title}, e.g. “您有一条消防业务通知：${title}，请登录消防执法服务平台查看。” */
  templateCode: string;
  endpoint: string;
}

/** RFC 3986 encoding as Alibaba Cloud's RPC signature wants it (spaces %20, `*` %2A, `~` kept). */
export function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Signature version 1.0 (HMAC-SHA1) of an RPC request of Alibaba Cloud: sorted, encoded parameters, key `secret&`. */
export function aliyunSignature(method: 'GET' | 'POST', params: Record<string, string>, accessKeySecret: string): string {
  const canonical = Object.keys(params)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k]!)}`)
    .join('&');
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonical)}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign).digest('base64');
}

/** Error codes of SendSms that no retry can cure (the number, the signature or the template is refused). */
const PERMANENT_CODES = new Set([
  'isv.MOBILE_NUMBER_ILLEGAL',
  'isv.SMS_SIGNATURE_ILLEGAL',
  'isv.SMS_TEMPLATE_ILLEGAL',
  'isv.TEMPLATE_MISSING_PARAMETERS',
  'isv.INVALID_PARAMETERS',
  'isv.BLACK_KEY_CONTROL_LIMIT',
  'isv.MOBILE_COUNT_OVER_LIMIT',
  'InvalidAccessKeyId.NotFound',
  'SignatureDoesNotMatch',
]);

/**
 * Alibaba Cloud SMS (短信服务), API SendSms of version 2017-05-25 over its RPC protocol: a POST of the
 * signed, form-encoded parameters to https://dysmsapi.aliyuncs.com/; the answer's Code is "OK" on
 * success with the BizId of the message.
 */
export class AliyunSmsSender implements SmsSender {
  readonly name = 'aliyun';
  constructor(
    private readonly cfg: AliyunSmsConfig,
    private readonly fetchFn: typeof fetch = fetch,
    private readonly now: () => Date = () => new Date(),
  ) {}

  params(message: SmsMessage): Record<string, string> {
    return {
      AccessKeyId: this.cfg.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: message.phone,
      RegionId: 'cn-hangzhou',
      SignName: this.cfg.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: this.cfg.templateCode,
      // Template variables are limited in length; the full text is in the in-app centre.
      TemplateParam: JSON.stringify({ title: [...message.title].slice(0, 30).join('') }),
      Timestamp: this.now()
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
    };
  }

  async send(message: SmsMessage): Promise<{ messageId: string }> {
    const params = this.params(message);
    const body = new URLSearchParams({ ...params, Signature: aliyunSignature('POST', params, this.cfg.accessKeySecret) });
    let res: Response;
    try {
      res = await this.fetchFn(this.cfg.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: body.toString(),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (e) {
      throw new SmsError(`短信服务无法连接：${e instanceof Error ? e.message : String(e)}`);
    }
    const text = await res.text();
    let answer: { Code?: string; Message?: string; BizId?: string };
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      throw new SmsError(`短信服务应答无法解析（HTTP ${res.status}）`);
    }
    if (answer.Code === 'OK' && answer.BizId) return { messageId: answer.BizId };
    const code = answer.Code ?? `HTTP ${res.status}`;
    throw new SmsError(`短信服务拒绝：${code} ${answer.Message ?? ''}`.trim(), PERMANENT_CODES.has(code));
  }
}

/** The SMS adapter the configuration names; null when SMS is not configured (then nothing is sent, nor queued). */
export function smsSenderOf(config: Config): SmsSender | null {
  const sms = config.sms;
  if (sms.provider === 'aliyun') return new AliyunSmsSender(sms.aliyun);
  if (sms.provider === 'test') return new TestSmsSender();
  return null;
}
