import { SHARED_EVENTS_TOPIC } from '@fep/domain';
import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt';
import type { Deps } from '../../platform/transact.ts';
import { type IngestOutcome, ingestMessage } from './use-cases/ingest-message.ts';

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
   * Connections this process opens in the shared subscription group (default 16). MQTT.js hands a connection's
   * messages to the handler one at a time and acknowledges each after it is stored, so one connection ingests at
   * the speed of one store; the broker spreads the group's messages over the connections, so several stores
   * are in flight. Order does not matter: state moves by device time, duplicates meet the unique index.
   */
  connections?: number;
  /** Called when a message's handling has finished (metrics, benchmarks). */
  onHandled?: (packet: IPublishPacket, outcome: IngestOutcome['outcome'] | 'failed') => void;
}

/**
 * The MQTT consumer of the monitoring centres' events (MON-01). Every API process subscribes to the shared
 * subscription `$share/fep/fep/v1/centres/+/events`: the broker hands each message to one member of the group, so
 * two processes consume a message once; a QoS 1 redelivery or a centre's repeated message meets the unique
 * (centre, message id) index and is stored once (docs/decisions.md "Remote monitoring: one consumer per message").
 *
 * A message is acknowledged only after `ingestMessage` has stored it or its dead letter (at least once). A failure
 * of the store is retried three times, then logged; the consumer never stops on a message. Without a broker
 * the client keeps reconnecting (every 5 s) and logs the first failure of each outage — the API runs on.
 */
export function startMonitoringConsumer(deps: Deps, opts: ConsumerOptions): MonitoringConsumer {
  const stats: ConsumerStats = { connected: false, received: 0, processed: 0, stored: 0, duplicates: 0, deadLetters: 0, failures: 0 };
  const topic = opts.topic ?? SHARED_EVENTS_TOPIC;
  // Copies, not a share, when the topic is not a shared subscription: then one connection only.
  const count = topic.startsWith('$share/') ? Math.max(1, opts.connections ?? 16) : 1;
  let subscribedCount = 0;
  let subscribed: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    subscribed = resolve;
  });
  let outageLogged = false;
  const connected = new Set<number>();

  async function handle(packet: IPublishPacket): Promise<void> {
    stats.received++;
    const payload = typeof packet.payload === 'string' ? packet.payload : packet.payload.toString('utf8');
    for (let attempt = 1; ; attempt++) {
      try {
        const r = await ingestMessage(deps, { topic: packet.topic, payload });
        if (r.outcome === 'stored') stats.stored++;
        else if (r.outcome === 'duplicate') stats.duplicates++;
        else stats.deadLetters++;
        opts.onHandled?.(packet, r.outcome);
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
      void handle(packet).finally(() => {
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
