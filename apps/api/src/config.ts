import { resolve } from 'node:path';

/** Runtime configuration, read once from the environment. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
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
  /** Upload limit for one file. */
  maxUploadBytes: number;
  /** Limit of one unit-directory import file (streamed, never held in memory). */
  maxImportBytes: number;
  /** Run the clock sweep on a schedule (cron, Beijing time). Empty disables it. */
  sweepCron: string;
  /** HMAC key of the enforcement record chain; when absent one is generated under dataDir/keys. */
  auditKey: string | undefined;
  /** Master key of the seal keys (hex); when absent one is generated under dataDir/keys. */
  sealMasterKey: string | undefined;
  /** Address printed in QR codes of documents (public verification page). */
  publicUrl: string;
  /** FEP_NOW: the instant the product's clock starts at (refused in production). */
  startAt: Date | undefined;
}

export class ConfigError extends Error {}

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
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    demo,
    demoPassword: env.FEP_DEMO_PASSWORD ?? 'Demo@2026',
    production,
    logLevel: env.FEP_LOG_LEVEL ?? 'info',
    sessionIdleMinutes: Number(env.FEP_SESSION_IDLE_MINUTES ?? 30),
    sessionAbsoluteHours: Number(env.FEP_SESSION_ABSOLUTE_HOURS ?? 12),
    maxFailedLogins: 5,
    lockoutMinutes: 30,
    maxUploadBytes: Number(env.FEP_MAX_UPLOAD_BYTES ?? 20 * 1024 * 1024),
    maxImportBytes: Number(env.FEP_MAX_IMPORT_BYTES ?? 512 * 1024 * 1024),
    sweepCron: env.FEP_SWEEP_CRON ?? '*/5 * * * *',
    auditKey: env.FEP_AUDIT_KEY || undefined,
    sealMasterKey: env.FEP_SEAL_MASTER_KEY || undefined,
    startAt,
    publicUrl: (env.FEP_PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
  };
}
