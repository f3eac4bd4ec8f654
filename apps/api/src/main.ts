import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import { buildApp, createContext } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { sendAppointmentReminders } from './features/appointments/index.ts';
import { moveWaitingWorkOrderReports } from './features/complaints/index.ts';
import { configureCreditPlatform, sweepCredit } from './features/credit/index.ts';
import { sweepSeals } from './features/enforcement/index.ts';
import { startMonitoringConsumer, sweepMonitoringTriggers, sweepOfflineDevices } from './features/monitoring/index.ts';
import { deliverNotifications, smsSenderOf } from './features/notifications/index.ts';
import { checkpointJob } from './platform/audit/checkpoints.ts';
import { sweepClocks } from './platform/clocks/sweep.ts';
import { deliverPushes } from './platform/partners/outbox.ts';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(`启动失败：${e.message}`);
    process.exit(1);
  }
  throw e;
}

const ctx = await createContext(config);
const app = await buildApp(ctx);
await app.listen({ port: config.port, host: config.host });
// Domain events: dispatched right after each commit, and polled every second for due retries.
ctx.events.start(1000);
void ctx.events.drain().catch((err: unknown) => app.log.error({ err }, 'event dispatch failed'));

const holder = `api-${process.pid}-${randomUUID().slice(0, 8)}`;
// Every outbound push goes through the gateway's one outbox (sent by the one loop below): the credit platform of the
// configuration (CRD-03) is a partner of the gateway, and 12345 reports (CMP-01) go to their platform through it.
// Pushes still waiting in the two former tables are queued there once.
if (config.creditPlatform) {
  const credit = await configureCreditPlatform(ctx, config.creditPlatform);
  if (credit.adopted) app.log.info({ ...credit }, 'waiting credit deliveries moved to the outbox');
}
const movedReports = await moveWaitingWorkOrderReports(ctx);
if (movedReports) app.log.info({ movedReports }, 'waiting 12345 reports moved to the outbox');
const sweep = config.sweepCron
  ? new Cron(config.sweepCron, { timezone: 'Asia/Shanghai', protect: true }, async () => {
      try {
        const r = await sweepClocks(ctx, holder);
        if (r.ran && (r.dueSoon || r.overdue)) app.log.info({ ...r }, 'clock sweep raised alerts');
        // Seals past their term or unconfirmed emergency seals (ENF-05): alerts to oversight.
        const seals = await sweepSeals(ctx, holder);
        // Remote-monitoring devices silent past their heartbeat period are flagged offline (MON-01).
        const offline = await sweepOfflineDevices(ctx, holder);
        if (offline.flagged) app.log.info({ ...offline }, 'monitoring devices flagged offline');
        if (seals.ran && (seals.expired || seals.unconfirmed)) app.log.info({ ...seals }, 'seal sweep raised alerts');
        // Reminders before booked visits and agreed drills, training and off-hours services (SVC-03), once each.
        const reminded = await sendAppointmentReminders(ctx, holder);
        if (reminded.bookings || reminded.requests) app.log.info({ ...reminded }, 'appointment reminders sent');
      } catch (err) {
        app.log.error({ err }, 'clock sweep failed');
      }
    })
  : null;
// Nightly (02:30 Beijing time): every credit standing and risk score again under the day's policies (CRD-01, CRD-04).
const creditNightly = config.sweepCron
  ? new Cron('30 2 * * *', { timezone: 'Asia/Shanghai', protect: true }, async () => {
      try {
        const r = await sweepCredit(ctx, holder);
        if (r.ran) app.log.info({ ...r }, 'credit standings recomputed');
        // Units whose remote monitoring passed the policy's thresholds get a check (MON-01 → SUP-06).
        const t = await sweepMonitoringTriggers(ctx, holder);
        if (t.raised) app.log.info({ ...t }, 'monitoring raised checks');
      } catch (err) {
        app.log.error({ err }, 'credit sweep failed');
      }
    })
  : null;
// One sweep at start, so alerts are current before the first schedule tick.
void sweepClocks(ctx, holder)
  .then(() => sweepSeals(ctx, holder))
  .catch((err: unknown) => app.log.error({ err }, 'clock sweep failed'));
// Checkpoints of the enforcement record, signed and appended to the sink outside the database (等保 8.1.4.3 c).
const checkpoints = config.checkpointCron
  ? new Cron(config.checkpointCron, { timezone: 'Asia/Shanghai', protect: true }, async () => {
      try {
        await checkpointJob(ctx, holder);
      } catch (err) {
        app.log.error({ err }, 'record checkpoint failed');
      }
    })
  : null;
// SMS of the notification centre: only when a provider is configured (FEP_SMS_PROVIDER); due deliveries every 5 s.
const sms = smsSenderOf(config);
const smsTimer = sms
  ? setInterval(
      () =>
        void deliverNotifications(ctx, sms, holder)
          .then((r) => {
            if (r.sent || r.failed || r.dead) app.log.info({ ...r }, 'sms deliveries');
          })
          .catch((err: unknown) => app.log.error({ err }, 'sms delivery failed')),
      5000,
    )
  : null;

// Pushes of the partner gateway (MON-03): due deliveries of the one outbox every 10 s (retries wait their backoff) —
// the gateway's partners, the credit platform's 双公示 records, 12345 reports; a process without receivers finds
// nothing due. Lease-protected: one process sends at a time.
const pushTimer = setInterval(
  () =>
    void deliverPushes(ctx, holder)
      .then((r) => {
        if (r.delivered || r.failed || r.dead) app.log.info({ ...r }, 'partner pushes');
      })
      .catch((err: unknown) => app.log.error({ err }, 'partner push failed')),
  10_000,
);
pushTimer.unref();

// Alarms of the monitoring centres over MQTT (MON-01), when a broker is configured (FEP_MQTT_URL; in demo mode the
// local broker by default). A missing broker is logged and retried every 5 s: the API runs on without it.
const monitoring = config.mqtt
  ? startMonitoringConsumer(ctx, {
      url: config.mqtt.url,
      username: config.mqtt.username,
      password: config.mqtt.password,
      clientId: `fep-${holder}`,
      log: app.log,
    })
  : null;

const url = `http://localhost:${(app.server.address() as { port: number }).port}`;
console.log(`\n消防执法服务平台已启动：${url}`);
console.log(`  办事大厅：${url}/    工作台：${url}/admin    接口文档：${url}/api/docs`);
console.log(`  数据：${ctx.database.describe}`);
if (config.startAt) console.log(`  系统时钟从 ${config.startAt.toISOString()} 起运行（FEP_NOW）`);
if (config.demo) {
  console.log(
    `  演示模式${ctx.demoLoaded ? '（已载入演示数据）' : ''}：用户名 <角色>.<行政区划代码>，如 clerk.211000、inspector.210500、admin.440000、applicant.360100`,
  );
  if (config.mqtt) console.log(`  远程监控：订阅 ${config.mqtt.url} 的 fep/v1/centres/+/events（演示监控中心 LN-SY-01，见 README）`);
  console.log(`  演示密码：${config.demoPassword}（仅演示模式有效；生产环境 NODE_ENV=production 禁止演示模式）\n`);
}

async function shutdown(signal: string) {
  app.log.info(`${signal}: shutting down`);
  sweep?.stop();
  checkpoints?.stop();
  creditNightly?.stop();
  if (smsTimer) clearInterval(smsTimer);
  clearInterval(pushTimer);
  await monitoring?.stop().catch(() => undefined);
  await ctx.events.stop();
  await app.close();
  await ctx.database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
