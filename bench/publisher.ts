/**
 * The monitoring centres' side of the ingestion benchmark, in a process of its own (as the centres are not in the
 * API's process): `node --import tsx bench/publisher.ts '<json>'` connects to the broker, publishes n messages
 * (paced at `rate` a second in 10 ms slices, or all at once when rate is 0), waits for the broker's
 * acknowledgements and exits. Each message id ends in `@<epoch ms>` of its publication, so the consumer's process
 * measures publish → stored without sharing an event loop with the publisher.
 */
import { pathToFileURL } from 'node:url';
import { centreEventsTopic } from '@fep/domain';
import mqtt, { type MqttClient } from 'mqtt';

export interface Centres {
  centre: string;
  devices: string[];
}
/** Epoch milliseconds with sub-millisecond precision, comparable between processes of this machine. */
export const epochMs = () => performance.timeOrigin + performance.now();
/** When a message was published, from its id (`…@<epoch ms>`); NaN if it has none. */
export const sentAtOf = (messageId: string) => Number(messageId.slice(messageId.lastIndexOf('@') + 1));

/** The i-th message: mostly heartbeats and faults/state changes, as a centre's traffic is; no fire alarms (they notify). */
export function message(run: string, tag: string, i: number, centres: Centres[]): { topic: string; payload: string; id: string } {
  const c = centres[i % centres.length]!;
  const device = c.devices[Math.floor(i / centres.length) % c.devices.length]!;
  const type = i % 5 === 0 ? 'fault' : i % 7 === 0 ? 'supervisory' : 'heartbeat';
  const id = `${run}-${tag}-${i}@${epochMs().toFixed(3)}`;
  return { topic: centreEventsTopic(c.centre), id, payload: JSON.stringify({ messageId: id, deviceId: device, type, occurredAt: new Date().toISOString() }) };
}

export async function publish(pub: MqttClient, n: number, perSecond: number, make: (i: number) => { topic: string; payload: string }): Promise<void> {
  const pending: Promise<unknown>[] = [];
  const perSlice = perSecond > 0 ? Math.max(1, Math.round(perSecond / 100)) : n;
  const start = performance.now();
  for (let i = 0; i < n; i += perSlice) {
    const wait = perSecond > 0 ? start + (i / perSecond) * 1000 - performance.now() : 0;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    for (let j = i; j < Math.min(n, i + perSlice); j++) {
      const m = make(j);
      pending.push(pub.publishAsync(m.topic, m.payload, { qos: 1 }));
    }
  }
  await Promise.all(pending);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const o = JSON.parse(process.argv[2]!) as { broker: string; clientId: string; run: string; tag: string; n: number; rate: number; centres: Centres[] };
  const pub = await mqtt.connectAsync(o.broker, { clientId: o.clientId, protocolVersion: 5 });
  await publish(pub, o.n, o.rate, (i) => message(o.run, o.tag, i, o.centres));
  await pub.endAsync();
}
