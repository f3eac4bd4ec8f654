import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { Hotline12345Simulator } from '../../test-support/hotline12345.ts';
import { DEMO_12345_KEY, DEMO_12345_SECRET, DEMO_OPEN311_KEY } from './index.ts';

/**
 * MON-03: a GeoReport v2 client written from the spec (wiki.open311.org/GeoReport_v2), not from our code:
 * it discovers services, reads a service definition, POSTs a form-encoded request with api_key,
 * jurisdiction_id, service_code, lat/long and attribute[…], resolves the returned token, lists requests with
 * the spec's filters and reads one — each in JSON and in XML — and checks the spec's shapes: status
 * open|closed, ISO 8601 times with a zone, errors as a list of {code, description}.
 */
class GeoReportClient {
  constructor(
    private readonly t: TestApp,
    private readonly base: string,
    readonly apiKey: string,
  ) {}
  async get(path: string, query: Record<string, string> = {}) {
    const qs = new URLSearchParams(query).toString();
    const r = await this.t.app.inject({ method: 'GET', url: `${this.base}/${path}${qs ? `?${qs}` : ''}` });
    return { status: r.statusCode, type: String(r.headers['content-type']), text: r.body };
  }
  async post(path: string, fields: Record<string, string>) {
    const r = await this.t.app.inject({
      method: 'POST',
      url: `${this.base}/${path}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ api_key: this.apiKey, ...fields }).toString(),
    });
    return { status: r.statusCode, type: String(r.headers['content-type']), text: r.body };
  }
}

/** The text of each <tag>…</tag> in an XML document (a spec client needs no more than this). */
const xmlValues = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]!);
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;

for (const database of DATABASES) {
  describe(`Open311 GeoReport v2 [${database}]`, () => {
    let t: TestApp;
    let client: GeoReportClient;
    before(async () => {
      t = await startTestApp(database);
      const admin = await t.login('admin.000000');
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/open311/keys',
        headers: { authorization: `Bearer ${admin}` },
        payload: { name: '规范客户端' },
      });
      assert.equal(r.statusCode, 201, r.body);
      client = new GeoReportClient(t, '/api/v1/open311/v2', r.json().key);
    });
    after(() => t.close());

    test('MON-03 services and a definition, in JSON and XML', async () => {
      const json = await client.get('services.json', { jurisdiction_id: '211000' });
      assert.equal(json.status, 200);
      assert.match(json.type, /application\/json/);
      const services = JSON.parse(json.text) as { service_code: string; metadata: boolean; type: string }[];
      assert.ok(services.some((s) => s.service_code === 'escape_route_blocked' && s.metadata === true && ['realtime', 'batch', 'blackbox'].includes(s.type)));
      const xml = await client.get('services.xml');
      assert.match(xml.type, /application\/xml/);
      assert.ok(xml.text.startsWith('<?xml'));
      assert.ok(xmlValues(xml.text, 'service_code').includes('fire_system_disabled'));
      const def = JSON.parse((await client.get('services/escape_route_blocked.json')).text) as { attributes: { code: string; datatype: string }[] };
      assert.ok(def.attributes.every((a) => ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'].includes(a.datatype)));
      assert.ok(xmlValues((await client.get('services/escape_route_blocked.xml')).text, 'code').includes('unit_usci'));
      const missing = await client.get('services/no_such.json');
      assert.equal(missing.status, 404);
      const errors = JSON.parse(missing.text) as { code: number; description: string }[];
      assert.equal(errors[0]!.code, 404);
    });

    test('MON-03 POST requests (form-encoded) → token → tokens/{token} → requests/{id}; list with filters; JSON and XML; no reporter', async () => {
      const created = await client.post('requests.json', {
        jurisdiction_id: '211000',
        service_code: 'escape_route_blocked',
        lat: '41.2689',
        long: '123.2372',
        description: '超市安全出口被货架堵住',
        first_name: '规范',
        last_name: '测试',
        phone: '13511112222',
        'attribute[anonymous]': 'false',
      });
      assert.equal(created.status, 201, created.text);
      const [answer] = JSON.parse(created.text) as { token?: string; service_request_id?: string }[];
      assert.ok(answer?.token, 'an anonymous-safe token');
      const resolved = JSON.parse((await client.get(`tokens/${answer!.token}.json`)).text) as { service_request_id: string; token: string }[];
      const id = resolved[0]!.service_request_id;
      assert.ok(id);
      const one = await client.get(`requests/${id}.json`, { api_key: client.apiKey });
      assert.equal(one.status, 200, one.text);
      const [req] = JSON.parse(one.text) as Record<string, unknown>[];
      assert.equal(req!.status, 'open');
      assert.equal(req!.service_code, 'escape_route_blocked');
      assert.match(String(req!.requested_datetime), ISO_WITH_ZONE);
      assert.match(String(req!.expected_datetime), ISO_WITH_ZONE);
      assert.ok(Math.abs(Number(req!.lat) - 41.2689) < 1e-9 && Math.abs(Number(req!.long) - 123.2372) < 1e-9, 'WGS84 as sent');
      assert.ok(String(req!.status_notes).length > 0);
      const key = client.apiKey;
      const xml = await client.get(`requests/${id}.xml`, { api_key: key });
      assert.match(xml.type, /application\/xml/);
      assert.deepEqual(xmlValues(xml.text, 'service_request_id'), [id]);
      assert.deepEqual(xmlValues(xml.text, 'status'), ['open']);
      const list = JSON.parse((await client.get('requests.json', { api_key: key, status: 'open', service_code: 'escape_route_blocked' })).text) as {
        service_request_id: string;
      }[];
      assert.ok(list.some((r) => r.service_request_id === id));
      const closed = JSON.parse((await client.get('requests.json', { api_key: key, status: 'closed' })).text) as unknown[];
      assert.equal(closed.length, 0);
      const byIds = JSON.parse((await client.get('requests.json', { api_key: key, service_request_id: `${id},nonexistent` })).text) as unknown[];
      assert.equal(byIds.length, 1, 'service_request_id overrides the other filters');
      const tooLong = await client.get('requests.json', { api_key: key, start_date: '2026-01-01T00:00:00+08:00', end_date: '2026-11-01T00:00:00+08:00' });
      assert.equal(tooLong.status, 400, 'a range over 90 days is refused');
      const listXml = await client.get('requests.xml', { api_key: key });
      assert.ok(xmlValues(listXml.text, 'service_request_id').includes(id));
      for (const text of [one.text, xml.text, listXml.text]) {
        assert.ok(!text.includes('13511112222') && !text.includes('规范测试') && !text.includes('测试规范'), 'no reporter identity');
      }
      const noKey = await t.app.inject({
        method: 'POST',
        url: '/api/v1/open311/v2/requests.xml',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'service_code=other',
      });
      assert.equal(noKey.statusCode, 403);
      assert.deepEqual(xmlValues(noKey.body, 'code'), ['403']);
      const noPlace = await client.post('requests.json', { jurisdiction_id: '211000', service_code: 'other', description: '没有位置的举报内容' });
      assert.equal(noPlace.status, 400);
    });

    test('MON-03/CMP-01 the demo partner keys named in the README work: Open311 lists 辽阳 reports, the 12345 platform pushes an order', async () => {
      const demo = new GeoReportClient(t, '/api/v1/open311/v2', DEMO_OPEN311_KEY);
      const list = await demo.get('requests.json', { api_key: DEMO_OPEN311_KEY });
      assert.equal(list.status, 200, list.text);
      const sim = new Hotline12345Simulator(t, DEMO_12345_KEY, DEMO_12345_SECRET);
      const pushed = await sim.pushOrder({
        workOrderNo: 'DEMO-1',
        regionCode: '211000',
        category: 'other',
        content: '演示工单：楼道堆放杂物',
        receivedAt: t.clock.now.toISOString(),
      });
      assert.equal(pushed.status, 201, JSON.stringify(pushed.body));
    });
  });
}
