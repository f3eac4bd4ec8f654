import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropSchema, pgAdmin } from './pg-schema.ts';

/**
 * Real API processes (`apps/api/src/main.ts`, as an operator starts them) on one PostgreSQL schema and one
 * data folder, and nginx (Debian's package) in front of them — for the tests that only hold across
 * processes: sessions, idempotency keys, attempt limits and scheduled jobs shared through the database,
 * and a process killed in the middle of requests.
 */
const ROOT = new URL('../../../../', import.meta.url).pathname;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));

export interface ApiProcess {
  port: number;
  child: ChildProcess;
  /** What the process printed (stdout and stderr), for a failing test to show. */
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface Cluster {
  schema: string;
  dataDir: string;
  databaseUrl: string;
  env: Record<string, string>;
  start(): Promise<ApiProcess>;
  close(): Promise<void>;
}

/**
 * A data folder shared by the processes started from it and, on PostgreSQL, a fresh schema of
 * DATABASE_URL; on SQLite (`database: 'sqlite'`) the store is the data folder's file (one process at a time).
 */
export async function cluster(env: Record<string, string> = {}, opts: { database?: 'sqlite' | 'postgres'; dataDir?: string } = {}): Promise<Cluster> {
  let schema = '';
  let databaseUrl = '';
  if (opts.database !== 'sqlite') {
    const base = process.env.DATABASE_URL;
    if (!base) throw new Error('cluster() needs DATABASE_URL (PostgreSQL)');
    schema = `p_${randomBytes(6).toString('hex')}`;
    await pgAdmin(`CREATE SCHEMA ${schema}`);
    const u = new URL(base);
    u.searchParams.set('options', `-c search_path=${schema}`);
    databaseUrl = u.toString();
  }
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'fep-cluster-'));
  const processes: ApiProcess[] = [];
  const c: Cluster = {
    schema,
    dataDir,
    databaseUrl,
    env,
    async start() {
      const port = await freePort();
      let out = '';
      const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? tmpdir(),
          NODE_ENV: 'development',
          PORT: String(port),
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          ...(c.databaseUrl ? { DATABASE_URL: c.databaseUrl } : {}),
          FEP_LOG_LEVEL: 'warn',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
      });
      child.stderr!.on('data', (d: Buffer) => {
        out += d.toString();
      });
      const p: ApiProcess = {
        port,
        child,
        output: () => out,
        async kill(signal = 'SIGKILL') {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exited = new Promise((r) => child.once('exit', r));
          child.kill(signal);
          await exited;
        },
      };
      processes.push(p);
      await waitReady(`http://127.0.0.1:${port}/ready`, child, () => out);
      return p;
    },
    async close() {
      await Promise.all(processes.map((p) => p.kill('SIGKILL')));
      if (schema) await dropSchema(schema);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return c;
}

async function waitReady(url: string, child: ChildProcess, out: () => string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`API process exited (${child.exitCode}):\n${out()}`);
    const ok = await fetch(url).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`API process not ready within ${timeoutMs} ms:\n${out()}`);
}

export interface ProxyServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

/**
 * nginx round-robin over `upstreams`, as docs/operations.md configures it: the client's address in
 * X-Forwarded-For, and the upstream that answered in `x-upstream` (so a test sees both processes serve).
 */
export async function nginx(upstreams: number[]): Promise<ProxyServer> {
  if (!NGINX) throw new Error('nginx is not installed (Debian package nginx; .ci/run installs it)');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'fep-nginx-'));
  for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, d));
  const root = process.getuid?.() === 0;
  writeFileSync(
    join(dir, 'nginx.conf'),
    `${root ? 'user root;\n' : ''}worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  client_max_body_size 25m;
  upstream fep { ${upstreams.map((p) => `server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join(' ')} keepalive 16; }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://fep;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      add_header x-upstream $upstream_addr always;
    }
  }
}
`,
  );
  const test = spawnSync(NGINX, ['-t', '-p', dir, '-c', join(dir, 'nginx.conf')], { encoding: 'utf8' });
  if (test.status !== 0) throw new Error(`nginx -t failed:\n${test.stderr}`);
  const child = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 15_000;
  while (
    !(await fetch(`${url}/live`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (Date.now() > until || child.exitCode !== null) throw new Error('nginx did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    url,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
