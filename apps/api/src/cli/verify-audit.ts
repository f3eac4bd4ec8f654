/**
 * Verifies enforcement record chains from the command line:
 *   npm run audit:verify -- <target>     one target (id or type:id)
 *   npm run audit:verify -- --all        every chain
 *   npm run audit:verify -- --record     the whole record against the last checkpoint in the sink
 *                                        (FEP_CHECKPOINT_FILE; with FEP_CHECKPOINT_URL the endpoint's lines,
 *                                        the file cross-checked against them): chains cut back or deleted, rows
 *                                        changed without a record, forged seals or checkpoints
 *   npm run audit:verify -- --checkpoint take a checkpoint now
 * Exit code 1 when a chain is broken, naming its first broken link.
 */

import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { chainsOfTarget, verifyChain } from '../platform/audit/chain.ts';
import { checkpointJob, configuredSink, SinkError, verifyRecord } from '../platform/audit/checkpoints.ts';
import { loadAuditKey, loadCheckpointKey } from '../platform/audit/keys.ts';

const arg = process.argv[2];
if (!arg) {
  console.error('用法：npm run audit:verify -- <目标ID 或 类型:ID | --all>');
  process.exit(2);
}
const config = loadConfig();
const database = openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
const key = loadAuditKey(config.dataDir, config.auditKey);
if (arg === '--checkpoint' || arg === '--record') {
  const where = config.checkpointEndpoint ? `${config.checkpointFile} 与 ${new URL(config.checkpointEndpoint.url).origin}` : config.checkpointFile;
  try {
    if (arg === '--checkpoint') {
      const line = await checkpointJob({ database, config, now: () => new Date() }, `cli-${process.pid}`);
      console.log(line ? `检查点 ${line.seq}：${line.leaves} 个叶子，根 ${line.root}，已写入 ${where}` : '另一进程正在生成检查点，请稍后再试。');
    } else {
      const sink = configuredSink(config);
      const findings = await verifyRecord(database.db, key, loadCheckpointKey(config.dataDir, config.checkpointKey).publicKey, sink);
      for (const f of findings) console.log(`问题  ${f.what}  ${f.reason}${f.detail ? `（${f.detail}）` : ''}`);
      console.log(`对照检查点 ${(await sink.read()).at(-1)?.seq ?? '（无）'}（${where}）核验完毕：${findings.length} 个问题。`);
      if (findings.length) process.exitCode = 1;
    }
  } catch (err) {
    if (!(err instanceof SinkError)) throw err;
    // The endpoint is the copy that counts: without it neither a checkpoint is taken nor the record proved.
    console.error(`检查点接收端不可用，${arg === '--checkpoint' ? '未生成检查点' : '未能核验'}：${err.message}`);
    process.exitCode = 2;
  } finally {
    await database.close();
  }
  process.exit();
}
try {
  const chains =
    arg === '--all'
      ? (await database.db.selectFrom('audit_chain_heads').select('chain_id').orderBy('chain_id').execute()).map((r) => r.chain_id)
      : await chainsOfTarget(database.db, arg);
  if (chains.length === 0) {
    console.error(`没有找到目标 ${arg} 的执法记录`);
    process.exitCode = 2;
  }
  let broken = 0;
  for (const c of chains) {
    const r = await verifyChain(database.db, key, c);
    if (!r) continue;
    if (r.ok) console.log(`完整  ${c}  （${r.events} 条）`);
    else {
      broken++;
      console.log(`断裂  ${c}  第 ${r.brokenAt} 条（${r.reason}${r.brokenEventId ? `，事件 ${r.brokenEventId}` : ''}）`);
    }
  }
  console.log(`共核验 ${chains.length} 条记录链，${broken} 条断裂。`);
  if (broken) process.exitCode = 1;
} finally {
  await database.close();
}
