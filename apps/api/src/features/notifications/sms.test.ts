import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../../config.ts';
import { AliyunSmsSender, aliyunSignature, percentEncode, SmsError, smsSenderOf, TestSmsSender } from './sms.ts';

test('NTF SMS: the Alibaba Cloud signature reproduces the documented SendSms example (testId / testSecret)', () => {
  // The parameters and signature of the example in Alibaba Cloud's SMS "signature method" documentation.
  const params = {
    AccessKeyId: 'testId',
    Action: 'SendSms',
    Format: 'XML',
    OutId: '123',
    PhoneNumbers: '15300000001',
    RegionId: 'cn-hangzhou',
    SignName: '阿里云短信测试专用',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
    SignatureVersion: '1.0',
    TemplateCode: 'SMS_71390007',
    TemplateParam: '{"customer":"test"}',
    Timestamp: '2017-07-12T02:42:19Z',
    Version: '2017-05-25',
  };
  assert.equal(aliyunSignature('GET', params, 'testSecret'), 'zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  assert.equal(percentEncode("a b*c~d!'()"), 'a%20b%2Ac~d%21%27%28%29');
});

const CFG = { accessKeyId: 'id', accessKeySecret: 'secret', signName: '消防执法', templateCode: 'SMS_1', endpoint: 'https://sms.example.test/' };
const MESSAGE = { phone: '13800138000', kind: 'permit_granted' as const, title: '准予许可：鑫源大酒店', body: '……' };

test('NTF SMS: Alibaba Cloud adapter posts the signed request and returns the BizId; refusals are temporary or permanent by code', async () => {
  const seen: { url: string; body: URLSearchParams }[] = [];
  const answer = (json: unknown, status = 200) =>
    (async (url: string | URL | Request, init?: RequestInit) => {
      seen.push({ url: String(url), body: new URLSearchParams(String(init?.body)) });
      return new Response(JSON.stringify(json), { status });
    }) as typeof fetch;
  const now = () => new Date('2026-11-23T02:00:00.123Z');
  const ok = new AliyunSmsSender(CFG, answer({ Code: 'OK', Message: 'OK', BizId: '9006197469364984^0', RequestId: 'r' }), now);
  assert.deepEqual(await ok.send(MESSAGE), { messageId: '9006197469364984^0' });
  const sent = seen[0]!;
  assert.equal(sent.url, CFG.endpoint);
  assert.equal(sent.body.get('Action'), 'SendSms');
  assert.equal(sent.body.get('PhoneNumbers'), '13800138000');
  assert.equal(sent.body.get('TemplateParam'), JSON.stringify({ title: '准予许可：鑫源大酒店' }));
  assert.equal(sent.body.get('Timestamp'), '2026-11-23T02:00:00Z');
  // The signature verifies over every other parameter.
  const params = Object.fromEntries([...sent.body].filter(([k]) => k !== 'Signature'));
  assert.equal(sent.body.get('Signature'), aliyunSignature('POST', params, 'secret'));

  const throttled = new AliyunSmsSender(CFG, answer({ Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发流控' }), now);
  await assert.rejects(throttled.send(MESSAGE), (e: unknown) => e instanceof SmsError && !e.permanent && /BUSINESS_LIMIT_CONTROL/.test(e.message));
  const badNumber = new AliyunSmsSender(CFG, answer({ Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号' }), now);
  await assert.rejects(badNumber.send(MESSAGE), (e: unknown) => e instanceof SmsError && e.permanent);
  const down = new AliyunSmsSender(CFG, (async () => new Response('<html>502</html>', { status: 502 })) as typeof fetch, now);
  await assert.rejects(down.send(MESSAGE), (e: unknown) => e instanceof SmsError && !e.permanent && /HTTP 502/.test(e.message));
});

test('NTF SMS: nothing is sent unless configured; the test double is refused in production; Alibaba Cloud needs its four settings', () => {
  assert.equal(smsSenderOf(loadConfig({})), null);
  assert.ok(smsSenderOf(loadConfig({ FEP_SMS_PROVIDER: 'test' })) instanceof TestSmsSender);
  assert.throws(() => loadConfig({ NODE_ENV: 'production', FEP_DEMO: 'false', FEP_SMS_PROVIDER: 'test' }), ConfigError);
  assert.throws(() => loadConfig({ FEP_SMS_PROVIDER: 'aliyun', FEP_SMS_ALIYUN_ACCESS_KEY_ID: 'x' }), /FEP_SMS_ALIYUN_ACCESS_KEY_SECRET/);
  assert.throws(() => loadConfig({ FEP_SMS_PROVIDER: 'twilio' }), ConfigError);
  const aliyun = loadConfig({
    FEP_SMS_PROVIDER: 'aliyun',
    FEP_SMS_ALIYUN_ACCESS_KEY_ID: 'id',
    FEP_SMS_ALIYUN_ACCESS_KEY_SECRET: 'secret',
    FEP_SMS_ALIYUN_SIGN_NAME: '消防执法',
    FEP_SMS_ALIYUN_TEMPLATE_CODE: 'SMS_1',
  });
  assert.ok(smsSenderOf(aliyun) instanceof AliyunSmsSender);
  assert.equal(aliyun.sms.provider === 'aliyun' && aliyun.sms.aliyun.endpoint, 'https://dysmsapi.aliyuncs.com/');
});

test('NTF SMS: the test double records, fails the next n sends, or refuses all', async () => {
  const d = new TestSmsSender();
  d.failNext = 1;
  await assert.rejects(d.send(MESSAGE), (e: unknown) => e instanceof SmsError && !e.permanent);
  assert.deepEqual(await d.send(MESSAGE), { messageId: 'test-1' });
  d.failAll = 'permanent';
  await assert.rejects(d.send(MESSAGE), (e: unknown) => e instanceof SmsError && e.permanent);
  assert.deepEqual(d.sent, [MESSAGE]);
});
