import { isIP } from 'node:net';
import { resolve } from 'node:path';

/** Runtime configuration, read once from the environment. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /**
   * PostgreSQL connections of this process (FEP_PG_POOL_MAX, default 10): requests and the monitoring consumer's
   * writers share them; a deployment of N API processes opens up to N × this many.
   */
  pgPoolMax: number;
  /** Demo mode loads the five source jurisdictions and demo users into an empty store. */
  demo: boolean;
  /** The one password of every demo user (README); only ever used in demo mode. */
  demoPassword: string;
  production: boolean;
  logLevel: string;
  /** Session limits (等保 level 3: idle and absolute timeouts enforced by the server). */
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Lockout after this many consecutive failures, for this long. */
  maxFailedLogins: number;
  lockoutMinutes: number;
  /**
   * Refused requests are counted per account, route and answered code in windows of this length
   * (platform/audit/refusals.ts): one security event row per window, however many refusals.
   */
  refusalWindowSeconds: number;
  /** FEP_METRICS_TOKEN: the bearer token `GET /metrics` answers (not served without one; docs/operations.md). */
  metricsToken: string | undefined;
  /**
   * FEP_TRUSTED_PROXIES: addresses or CIDR ranges of the TLS-terminating proxy (comma-separated). Only a request whose
   * connection comes from one of them may vouch for a partner's client certificate (X-SSL-Client-* headers,
   * platform/partners/certificates.ts); empty (the default): no request may, and mutual TLS partners are refused.
   */
  trustedProxies: string[];
  /** Upload limit for one file. */
  maxUploadBytes: number;
  /** Limit of one unit-directory import file (streamed, never held in memory). */
  maxImportBytes: number;
  /**
   * Limits of an import beyond its file size (features/units/use-cases/import-units.ts): data rows, and for an
   * XLSX what its ZIP inflates to — in all, and in shared strings (which a spreadsheet reader keeps in memory).
   */
  imports: { maxRows: number; maxUncompressedBytes: number; maxSharedStringsBytes: number; maxSharedStrings: number };
  /**
   * Inspection tasks of a random draw written per transaction (the draw's own and each one after it): a province's
   * draw of a hundred thousand units holds the store's writer for a short stretch at a time, not for seconds.
   */
  drawTasksPerTransaction: number;
  /** Run the clock sweep on a schedule (cron, Beijing time). Empty disables it. */
  sweepCron: string;
  /** HMAC key of the enforcement record chain; when absent one is generated under dataDir/keys. */
  auditKey: string | undefined;
  /** Master key of the seal keys (hex); when absent one is generated under dataDir/keys. */
  sealMasterKey: string | undefined;
  /** SM2 private key (hex) signing checkpoints of the record; when absent one is generated under dataDir/keys. */
  checkpointKey: string | undefined;
  /** The checkpoint sink: a JSON-lines file outside DATA_DIR (platform/audit/checkpoints.ts). */
  checkpointFile: string;
  /**
   * A second sink: the partner endpoint receiving every checkpoint line (FEP_CHECKPOINT_URL, signed with
   * FEP_CHECKPOINT_URL_KEY; docs/partners.md "Checkpoint endpoint"). Set, checkpoints go to the file and the
   * endpoint, and the verifier reads the endpoint and cross-checks the file.
   */
  checkpointEndpoint: { url: string; key: string } | undefined;
  /** When checkpoints are taken (cron, Beijing time). Empty disables it. */
  checkpointCron: string;
  /** Address printed in QR codes of documents (public verification page). */
  publicUrl: string;
  /** FEP_NOW: the instant the product's clock starts at (refused in production). */
  startAt: Date | undefined;
  /** SMS channel of the notification centre: none (nothing sent or queued), the local test double, or Alibaba Cloud SMS. */
  sms: SmsConfig;
  /** The payment channel of fines paid online (ENF-06): none, the local test double, or the fiscal e-payment gateway. */
  payment: PaymentConfig;
  /**
   * The credit platform receiving 双公示 records (信用中国 / the provincial credit platform, CRD-03):
   * FEP_CREDIT_PLATFORM_URL and FEP_CREDIT_PLATFORM_SECRET, made a partner of the gateway on start (its pushes go
   * through the one outbox); without a URL there is no such partner and a record queues no push.
   */
  creditPlatform?: { url: string; secret: string } | undefined;
  /** The basemap of the product's maps (FEP_MAP_TILES…, platform/map): none, a tile service, or a tile package. */
  map: MapConfig;
  /**
   * Administrative boundaries drawn on the leaders' map (MON-02): FEP_MAP_BOUNDARIES, the path of a GeoJSON
   * FeatureCollection the operator provides from an approved source (no map data ships with the product,
   * docs/decisions.md "Maps"), with FEP_MAP_BOUNDARIES_ATTRIBUTION naming its source and 审图号. Without it
   * the map draws its coordinate grid.
   */
  mapBoundaries?: { file: string; attribution: string } | undefined;
  /**
   * The MQTT broker of remote monitoring (MON-01, features/monitoring): FEP_MQTT_URL (e.g. mqtt://127.0.0.1:1883),
   * FEP_MQTT_USERNAME / FEP_MQTT_PASSWORD. Without a URL no consumer runs; in demo mode the local broker
   * (mqtt://127.0.0.1:1883) is the default, and FEP_MQTT_URL=off turns it off.
   */
  mqtt?: { url: string; username?: string | undefined; password?: string | undefined } | undefined;
}

/**
 * The basemap. Maps published in China need an approved source and its review number (地图管理条例 art. 15,
 * 17), so none ships with the product: FEP_MAP_TILES is either an approved tile service's URL template
 * (e.g. 天地图 with the agency's key) or the path of an offline tile package (.mbtiles) the product serves
 * itself, for agencies without internet. Without it, maps draw a coordinate grid under the points.
 */
export type MapConfig =
  | { source: 'none' }
  | { source: 'url'; url: string; subdomains: string[]; attribution: string; system: 'wgs84' | 'gcj02'; maxZoom: number }
  | { source: 'file'; file: string; attribution: string; system: 'wgs84' | 'gcj02'; maxZoom: number };

function mapConfigOf(env: NodeJS.ProcessEnv, production: boolean): MapConfig {
  const tiles = env.FEP_MAP_TILES?.trim();
  if (!tiles) return { source: 'none' };
  const system = env.FEP_MAP_TILES_SYSTEM || 'wgs84';
  if (system !== 'wgs84' && system !== 'gcj02') throw new ConfigError(`FEP_MAP_TILES_SYSTEM 须为 wgs84 或 gcj02：${system}`);
  const maxZoom = env.FEP_MAP_TILES_MAX_ZOOM ? positiveInteger(env, 'FEP_MAP_TILES_MAX_ZOOM', 18) : 18;
  if (maxZoom > 22) throw new ConfigError(`FEP_MAP_TILES_MAX_ZOOM 不能大于 22：${maxZoom}`);
  const attribution = env.FEP_MAP_TILES_ATTRIBUTION?.trim() ?? '';
  if (/^https?:\/\//.test(tiles)) {
    if (!/\{z\}/.test(tiles) || !/\{x\}/.test(tiles) || !/\{y\}/.test(tiles))
      throw new ConfigError('FEP_MAP_TILES 的地址模板须包含 {z}、{x}、{y}（如天地图 WMTS 地址）。');
    if (production && !tiles.startsWith('https://')) throw new ConfigError('生产环境的底图服务地址须为 https://');
    const subdomains = (env.FEP_MAP_TILES_SUBDOMAINS ?? '').split(/[,\s]+/).filter(Boolean);
    if (/\{s\}/.test(tiles) && subdomains.length === 0) throw new ConfigError('FEP_MAP_TILES 含 {s}，请以 FEP_MAP_TILES_SUBDOMAINS 给出子域（如 0,1,2,3）。');
    // The attribution carries the service's review number (审图号), which a published map must show.
    if (!attribution) throw new ConfigError('使用底图服务须以 FEP_MAP_TILES_ATTRIBUTION 注明来源及审图号。');
    return { source: 'url', url: tiles, subdomains, attribution, system, maxZoom };
  }
  return { source: 'file', file: resolve(tiles), attribution, system, maxZoom };
}

export type PaymentConfig =
  | { channel: 'none' }
  | { channel: 'test' }
  | { channel: 'gateway'; gateway: { url: string; merchantId: string; secret: string; algorithm: 'sm3' | 'sha256' } };

/**
 * FEP_PAYMENT_CHANNEL: empty = the demo's test double in demo mode and no online payment otherwise; `test` =
 * the local test double (refused in production); `gateway` = the agency's fiscal e-payment gateway
 * (docs/operations.md), which needs its address, merchant number and shared secret.
 */
function paymentConfigOf(env: NodeJS.ProcessEnv, production: boolean, demo: boolean): PaymentConfig {
  const channel = env.FEP_PAYMENT_CHANNEL || (demo ? 'test' : 'none');
  if (channel === 'none') return { channel: 'none' };
  if (channel === 'test') {
    if (production) throw new ConfigError('FEP_PAYMENT_CHANNEL=test（测试缴款通道）不能在生产环境中使用。');
    return { channel: 'test' };
  }
  if (channel !== 'gateway') throw new ConfigError(`FEP_PAYMENT_CHANNEL 须为 gateway、test、none 或留空：${channel}`);
  const need = ['FEP_PAYMENT_GATEWAY_URL', 'FEP_PAYMENT_MERCHANT_ID', 'FEP_PAYMENT_SECRET'];
  const missing = need.filter((k) => !env[k]);
  if (missing.length) throw new ConfigError(`使用缴款网关须设置：${missing.join('、')}`);
  const algorithm = env.FEP_PAYMENT_SIGN_ALGORITHM || 'sm3';
  if (algorithm !== 'sm3' && algorithm !== 'sha256') throw new ConfigError(`FEP_PAYMENT_SIGN_ALGORITHM 须为 sm3 或 sha256：${algorithm}`);
  if (env.FEP_PAYMENT_SECRET!.length < 16) throw new ConfigError('FEP_PAYMENT_SECRET 至少 16 个字符');
  if (production && !env.FEP_PAYMENT_GATEWAY_URL!.startsWith('https://')) throw new ConfigError('生产环境的缴款网关地址须为 https://');
  return {
    channel: 'gateway',
    gateway: { url: env.FEP_PAYMENT_GATEWAY_URL!.replace(/\/+$/, ''), merchantId: env.FEP_PAYMENT_MERCHANT_ID!, secret: env.FEP_PAYMENT_SECRET!, algorithm },
  };
}

export type SmsConfig =
  | { provider: 'none' }
  | { provider: 'test' }
  | {
      provider: 'aliyun';
      aliyun: { accessKeyId: string; accessKeySecret: string; signName: string; templateCode: string; endpoint: string };
    };

function smsConfigOf(env: NodeJS.ProcessEnv, production: boolean): SmsConfig {
  const provider = env.FEP_SMS_PROVIDER || 'none';
  if (provider === 'none') return { provider: 'none' };
  if (provider === 'test') {
    if (production) throw new ConfigError('FEP_SMS_PROVIDER=test（测试短信通道）不能在生产环境中使用。');
    return { provider: 'test' };
  }
  if (provider !== 'aliyun') throw new ConfigError(`FEP_SMS_PROVIDER 须为 aliyun、test 或留空：${provider}`);
  const need = ['FEP_SMS_ALIYUN_ACCESS_KEY_ID', 'FEP_SMS_ALIYUN_ACCESS_KEY_SECRET', 'FEP_SMS_ALIYUN_SIGN_NAME', 'FEP_SMS_ALIYUN_TEMPLATE_CODE'];
  const missing = need.filter((k) => !env[k]);
  if (missing.length) throw new ConfigError(`使用阿里云短信须设置：${missing.join('、')}`);
  return {
    provider: 'aliyun',
    aliyun: {
      accessKeyId: env.FEP_SMS_ALIYUN_ACCESS_KEY_ID!,
      accessKeySecret: env.FEP_SMS_ALIYUN_ACCESS_KEY_SECRET!,
      signName: env.FEP_SMS_ALIYUN_SIGN_NAME!,
      templateCode: env.FEP_SMS_ALIYUN_TEMPLATE_CODE!,
      endpoint: env.FEP_SMS_ALIYUN_ENDPOINT || 'https://dysmsapi.aliyuncs.com/',
    },
  };
}

export class ConfigError extends Error {}

/** A token short enough to guess protects nothing: refused at start. */
function metricsTokenOf(env: NodeJS.ProcessEnv): string | undefined {
  const t = env.FEP_METRICS_TOKEN;
  if (!t) return undefined;
  if (t.length < 32 || /\s/.test(t)) throw new ConfigError('FEP_METRICS_TOKEN 须为至少 32 个字符、不含空白的随机串（如 openssl rand -hex 32）。');
  return t;
}

/** Each entry an IPv4 or IPv6 address, or a CIDR range of one: anything else is refused at start. */
function trustedProxiesOf(env: NodeJS.ProcessEnv): string[] {
  const entries = (env.FEP_TRUSTED_PROXIES ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  for (const e of entries) {
    const [address = '', bits, extra] = e.split('/');
    const family = isIP(address);
    const max = family === 4 ? 32 : 128;
    const ok = family !== 0 && extra === undefined && (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= max));
    if (!ok) throw new ConfigError(`FEP_TRUSTED_PROXIES 须为逗号分隔的 IP 地址或 CIDR 网段（如 10.0.0.5,10.1.0.0/16）：${e}`);
  }
  return entries;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new ConfigError(`${name} 须为正整数：${raw}`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const demoRaw = env.FEP_DEMO ?? (production ? 'false' : 'true');
  const demo = demoRaw === 'true' || demoRaw === '1';
  if (demo && production) {
    throw new ConfigError('演示模式不能在生产环境（NODE_ENV=production）中启用：请设置 FEP_DEMO=false。');
  }
  let startAt: Date | undefined;
  if (env.FEP_NOW) {
    if (production) throw new ConfigError('FEP_NOW 不能在生产环境（NODE_ENV=production）中使用。');
    startAt = new Date(env.FEP_NOW);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(env.FEP_NOW) || Number.isNaN(startAt.getTime()))
      throw new ConfigError(`FEP_NOW 须为 ISO 8601 时刻（如 2026-10-08T09:00:00+08:00）：${env.FEP_NOW}`);
  }
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT 无效：${env.PORT}`);
  const dataDir = resolve(env.DATA_DIR ?? './data');
  const checkpointFile = resolve(env.FEP_CHECKPOINT_FILE || `${dataDir}-checkpoints/checkpoints.jsonl`);
  const config: Config = {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    pgPoolMax: positiveInteger(env, 'FEP_PG_POOL_MAX', 10),
    demo,
    demoPassword: env.FEP_DEMO_PASSWORD ?? 'Demo@2026',
    production,
    logLevel: env.FEP_LOG_LEVEL ?? 'info',
    sessionIdleMinutes: Number(env.FEP_SESSION_IDLE_MINUTES ?? 30),
    sessionAbsoluteHours: Number(env.FEP_SESSION_ABSOLUTE_HOURS ?? 12),
    maxFailedLogins: 5,
    lockoutMinutes: 30,
    refusalWindowSeconds: positiveInteger(env, 'FEP_REFUSAL_WINDOW_SECONDS', 600),
    metricsToken: metricsTokenOf(env),
    trustedProxies: trustedProxiesOf(env),
    maxUploadBytes: Number(env.FEP_MAX_UPLOAD_BYTES ?? 20 * 1024 * 1024),
    maxImportBytes: Number(env.FEP_MAX_IMPORT_BYTES ?? 512 * 1024 * 1024),
    imports: {
      maxRows: positiveInteger(env, 'FEP_IMPORT_MAX_ROWS', 500_000),
      maxUncompressedBytes: positiveInteger(env, 'FEP_IMPORT_MAX_UNCOMPRESSED_BYTES', 512 * 1024 * 1024),
      maxSharedStringsBytes: positiveInteger(env, 'FEP_IMPORT_MAX_SHARED_STRINGS_BYTES', 16 * 1024 * 1024),
      maxSharedStrings: positiveInteger(env, 'FEP_IMPORT_MAX_SHARED_STRINGS', 200_000),
    },
    drawTasksPerTransaction: positiveInteger(env, 'FEP_DRAW_TASKS_PER_TRANSACTION', 2_000),
    sweepCron: env.FEP_SWEEP_CRON ?? '*/5 * * * *',
    auditKey: env.FEP_AUDIT_KEY || undefined,
    sealMasterKey: env.FEP_SEAL_MASTER_KEY || undefined,
    checkpointKey: env.FEP_CHECKPOINT_KEY || undefined,
    checkpointFile,
    checkpointEndpoint: checkpointEndpointOf(env, production),
    checkpointCron: env.FEP_CHECKPOINT_CRON ?? '*/10 * * * *',
    startAt,
    publicUrl: (env.FEP_PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
    sms: smsConfigOf(env, production),
    payment: paymentConfigOf(env, production, demo),
    creditPlatform: env.FEP_CREDIT_PLATFORM_URL ? { url: env.FEP_CREDIT_PLATFORM_URL, secret: env.FEP_CREDIT_PLATFORM_SECRET ?? '' } : undefined,
    map: mapConfigOf(env, production),
    mapBoundaries: env.FEP_MAP_BOUNDARIES?.trim()
      ? { file: resolve(env.FEP_MAP_BOUNDARIES.trim()), attribution: env.FEP_MAP_BOUNDARIES_ATTRIBUTION?.trim() ?? '' }
      : undefined,
    mqtt: mqttConfigOf(env, demo),
  };
  // 等保 2.0 8.1.4.8 / 8.1.4.3 c: keys stored beside the data they protect protect nothing from whoever
  // copies the data folder — in production they come from the environment (a secret store), and the
  // checkpoint sink lies outside the data folder.
  if (production) {
    const missing = ['FEP_AUDIT_KEY', 'FEP_SEAL_MASTER_KEY', 'FEP_CHECKPOINT_KEY'].filter((k) => !env[k]);
    if (missing.length)
      throw new ConfigError(`生产环境不能把密钥存放在数据目录中：请通过环境变量（密钥管理系统）提供 ${missing.join('、')}（见 docs/operations.md“密钥”）。`);
    if (`${checkpointFile}/`.startsWith(`${dataDir}/`))
      throw new ConfigError('生产环境的检查点文件（FEP_CHECKPOINT_FILE）须在数据目录之外（另一磁盘或主机）。');
  }
  return config;
}

/**
 * The checkpoint endpoint: https (the lines are the platform's evidence against its own insiders; a proxy on the way
 * must not be able to drop them unseen), plain http only to this host (a local sidecar or simulator) or outside
 * production. The key is shared with the endpoint's operator: at least 32 characters.
 */
function checkpointEndpointOf(env: Record<string, string | undefined>, production: boolean): Config['checkpointEndpoint'] {
  const raw = env.FEP_CHECKPOINT_URL?.trim();
  if (!raw) {
    if (env.FEP_CHECKPOINT_URL_KEY) throw new ConfigError('设置了 FEP_CHECKPOINT_URL_KEY 却未设置 FEP_CHECKPOINT_URL（检查点接收端地址）。');
    return undefined;
  }
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new ConfigError(`FEP_CHECKPOINT_URL 不是有效的网址：${raw}`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && (loopback || !production)))
    throw new ConfigError('FEP_CHECKPOINT_URL 须使用 https（仅本机地址可用 http）。');
  if (u.username || u.password || u.hash) throw new ConfigError('FEP_CHECKPOINT_URL 不能含用户名、口令或 # 片段。');
  const key = env.FEP_CHECKPOINT_URL_KEY ?? '';
  if (key.length < 32) throw new ConfigError('设置 FEP_CHECKPOINT_URL 时须提供至少 32 个字符的共享密钥 FEP_CHECKPOINT_URL_KEY。');
  return { url: u.toString(), key };
}

function mqttConfigOf(env: Record<string, string | undefined>, demo: boolean): Config['mqtt'] {
  const url = env.FEP_MQTT_URL ?? (demo ? 'mqtt://127.0.0.1:1883' : '');
  if (!url || url === 'off') return undefined;
  if (!/^(mqtts?|wss?|tcp):\/\//.test(url)) throw new ConfigError(`FEP_MQTT_URL 应为 mqtt://主机:端口（或 mqtts://、ws://、wss://）：${url}`);
  return { url, username: env.FEP_MQTT_USERNAME, password: env.FEP_MQTT_PASSWORD };
}
