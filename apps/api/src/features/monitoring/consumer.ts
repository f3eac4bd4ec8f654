import { SHARED_EVENTS_TOPIC } from '@fep/domain';
import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt';
import type { Deps } from '../../platform/transact.ts';
import { type IngestInput, type IngestOutcome, ingestMessage, ingestMessages } from './use-cases/ingest-message.ts';

export interface ConsumerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface ConsumerStats {
  connected: boolean;
  received: number;
  /** Messages whose handling has finished (stored, duplicate, dead letter or given up). */
  processed: number;
  stored: number;
  duplicates: number;
  deadLetters: number;
  failures: number;
}

export interface MonitoringConsumer {
  readonly stats: ConsumerStats;
  /** Resolves once subscribed (tests wait for it before publishing). */
  ready(): Promise<void>;
  stop(): Promise<void>;
}

export interface ConsumerOptions {
  url: string;
  username?: string | undefined;
  password?: string | undefined;
  clientId: string;
  log: ConsumerLog;
  topic?: string;
  /**
   * Connections this process opens in the shared subscription group (default 64). MQTT.js hands a connection's
   * messages to the handler one at a time and acknowledges each after it is stored, so a connection has one message
   * in the store at a time: the connections bound the messages in flight, and so the size of the writers' batches.
   * With 16, batches held about three messages and PostgreSQL stayed below 2,000/s on this machine; with 64 they
   * hold a dozen or more. Order does not matter: state moves by device time, duplicates meet the unique index.
   */
  connections?: number;
  /**
   * Writers (default 4): the messages received while a writer's transaction runs are written by its next one, as
   * one batch (`ingestMessages`). A device's messages always go to the same writer, so two writers of this process
   * never update the same device rows at once (no lock waits, no deadlocks between them).
   */
  writers?: number;
  /** At most this many messages in one batch (default 256). */
  batchMax?: number;
  /** Called when a message's handling has finished (metrics, benchmarks). */
  onHandled?: (packet: IPublishPacket, outcome: IngestOutcome['outcome'] | 'failed') => void;
}

/**
 * The MQTT consumer of the monitoring centres' events (MON-01). Every API process subscribes to the shared
 * subscription `$share/fep/fep/v1/centres/+/events`: the broker hands each message to one member of the group, so
 * two processes consume a message once; a QoS 1 redelivery or a centre's repeated message meets the unique
 * (centre, message id) index and is stored once (docs/decisions.md "Remote monitoring: one consumer per message").
 *
 * A message is acknowledged only after the transaction storing it or its dead letter has committed (at least once);
 * messages arriving together are written together (`ingestMessages`, a micro-batch per writer). A batch that fails
 * is retried message by message, each three times, then logged; the consumer never stops on a message. Without a broker
 * the client keeps reconnecting (every 5 s) and logs the first failure of each outage — the API runs on.
 */
export function startMonitoringConsumer(deps: Deps, opts: ConsumerOptions): MonitoringConsumer {
  const stats: ConsumerStats = { connected: false, received: 0, processed: 0, stored: 0, duplicates: 0, deadLetters: 0, failures: 0 };
  const topic = opts.topic ?? SHARED_EVENTS_TOPIC;
  // Copies, not a share, when the topic is not a shared subscription: then one connection only.
  const count = topic.startsWith('$share/') ? Math.max(1, opts.connections ?? 64) : 1;
  let subscribedCount = 0;
  let subscribed: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    subscribed = resolve;
  });
  let outageLogged = false;
  const connected = new Set<number>();

  /** One message on its own, retried three times: the path of a batch whose transaction failed. */
  async function handleOne(input: IngestInput, packet: IPublishPacket): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        settle(packet, await ingestMessage(deps, input));
        return;
      } catch (err) {
        if (attempt >= 3) {
          stats.failures++;
          opts.log.error({ err, topic: packet.topic }, 'monitoring message could not be stored');
          opts.onHandled?.(packet, 'failed');
          return;
        }
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  }
  function settle(packet: IPublishPacket, r: IngestOutcome): void {
    if (r.outcome === 'stored') stats.stored++;
    else if (r.outcome === 'duplicate') stats.duplicates++;
    else stats.deadLetters++;
    opts.onHandled?.(packet, r.outcome);
  }

  // Micro-batches (group commit): a message waits for its writer's transaction in progress, then goes with the
  // others received meanwhile into the next one. Under a light load a batch is one message, written at once; under
  // a heavy one a transaction carries many, and the store's round trips per message fall accordingly.
  type Pending = { input: IngestInput; packet: IPublishPacket; done: () => void };
  const writers = Array.from({ length: Math.max(1, opts.writers ?? 4) }, () => ({ queue: [] as Pending[], busy: false }));
  const batchMax = Math.max(1, opts.batchMax ?? 256);
  async function write(w: (typeof writers)[number]): Promise<void> {
    while (w.queue.length > 0) {
      const batch = w.queue.splice(0, batchMax);
      const outcomes = await ingestMessages(
        deps,
        batch.map((p) => p.input),
      ).catch(() => null);
      if (outcomes) for (const [i, p] of batch.entries()) settle(p.packet, outcomes[i]!);
      // Nothing of the batch was written: each message on its own, so one that cannot be stored holds back no other.
      else await Promise.all(batch.map((p) => handleOne(p.input, p.packet)));
      for (const p of batch) p.done();
    }
    w.busy = false;
  }
  function handle(packet: IPublishPacket, done: () => void): void {
    stats.received++;
    const payload = typeof packet.payload === 'string' ? packet.payload : packet.payload.toString('utf8');
    const w = writers[writerOf(packet.topic, payload, writers.length)]!;
    w.queue.push({ input: { topic: packet.topic, payload, receivedAt: deps.now() }, packet, done });
    if (w.busy) return;
    w.busy = true;
    // The messages of the same turn of the event loop (other connections' deliveries) join this first batch.
    setImmediate(() => void write(w));
  }

  function open(index: number): MqttClient {
    const client: MqttClient = mqtt.connect(opts.url, {
      clientId: count > 1 ? `${opts.clientId}-${index}` : opts.clientId,
      clean: true,
      protocolVersion: 5,
      reconnectPeriod: 5000,
      connectTimeout: 5000,
      ...(opts.username ? { username: opts.username, password: opts.password ?? '' } : {}),
    });
    client.handleMessage = (packet: IPublishPacket, done) => {
      // Acknowledged (done) only after the batch holding the message has committed, or its dead letter has.
      handle(packet, () => {
        stats.processed++;
        done();
      });
    };
    let subscribedOnce = false;
    client.on('connect', () => {
      connected.add(index);
      stats.connected = connected.size > 0;
      outageLogged = false;
      if (index === 0) opts.log.info({ url: opts.url, topic, connections: count }, 'monitoring consumer connected');
      client.subscribe(topic, { qos: 1 }, (err) => {
        if (err) opts.log.error({ err, topic }, 'monitoring subscription refused');
        else if (!subscribedOnce) {
          subscribedOnce = true;
          if (++subscribedCount === count) subscribed();
        }
      });
    });
    client.on('close', () => {
      connected.delete(index);
      stats.connected = connected.size > 0;
    });
    client.on('error', (err) => {
      if (outageLogged) return;
      outageLogged = true;
      opts.log.warn({ err: err.message, url: opts.url }, '远程监控消息服务器暂不可用，将每 5 秒重试');
    });
    client.on('offline', () => {
      if (outageLogged) return;
      outageLogged = true;
      opts.log.warn({ url: opts.url }, '远程监控消息服务器连接中断，将每 5 秒重试');
    });
    return client;
  }
  const clients = Array.from({ length: count }, (_, i) => open(i));
  return {
    stats,
    ready: () => ready,
    async stop() {
      await Promise.all(clients.map((c) => c.endAsync()));
    },
  };
}

/** The writer of a message: by its device id (read without parsing the message; the topic when there is none). */
function writerOf(topic: string, payload: string, writers: number): number {
  if (writers === 1) return 0;
  const key = /"deviceId"\s*:\s*"([^"]{0,200})"/.exec(payload)?.[1] ?? topic;
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
  return Math.abs(h) % writers;
}
