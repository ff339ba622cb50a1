// The processes a bench run starts: app instances, the WeChat sandbox, the bare node:http server,
// and a small relay that receives WeChat Pay's notifications on the app's behalf (to forward them,
// or to hold them for replay). Every child is stopped by its own PID.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { performance } from 'node:perf_hooks';

const root = new URL('../../', import.meta.url).pathname;

/** Starts `node <script>` with `env`; resolves once `ready()` answers true, with the start-up time. */
async function startChild(label, script, env, ready, nodeArgs = []) {
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, script], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  let stopping = false;
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => {
    // A child that dies during the run says why (its last stderr), instead of a bare ECONNREFUSED later.
    if (!stopping) console.error(`${label} (pid ${child.pid}) exited unexpectedly (${code ?? signal}): ${stderr}`);
    resolve(code);
  }));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${label} exited (${child.exitCode}): ${stderr}`);
    if (await ready().catch(() => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (performance.now() - started > 120_000) throw new Error(`${label} did not start within 120 s: ${stderr}`);
  }
  const startupMs = performance.now() - started;
  // Something else may have answered on the port (a process left from an earlier run): ours then exits.
  await new Promise((resolve) => setTimeout(resolve, 300));
  if (child.exitCode !== null) throw new Error(`${label} exited (${child.exitCode}) after another process answered on its port: ${stderr}`);
  return {
    pid: child.pid,
    startupMs,
    /** Peak resident memory so far (VmHWM), in MB. */
    peakRssMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
    },
    /** Resident memory now, by kind (MB): anonymous (heap, buffers), file pages (SQLite's mapping, code), shared. */
    rssNowMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
      return { anon: kb('RssAnon'), file: kb('RssFile'), shmem: kb('RssShmem') };
    },
    async stop() {
      stopping = true;
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** GET `url`; resolves to the status (any answer counts as up). */
export function statusOf(url) {
  return new Promise((resolve, reject) => {
    const req = request(url, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The node options `npm start` runs the app with (package.json), so that the bench measures the app as it is run. */
function startNodeArgs() {
  const start = JSON.parse(readFileSync(new URL('package.json', `file://${root}`), 'utf8')).scripts.start;
  const options = /\bnode ((?:--\S+ )*)dist\/apps\/main\.js/.exec(start);
  if (!options) throw new Error(`cannot read the node options of npm start: ${start}`);
  return options[1].split(' ').filter(Boolean);
}

/**
 * One app instance (dist/apps/main.js); ready when the API, not the start-up 503, answers.
 * BENCH_APP_NODE_ARGS adds node options (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile).
 */
export function startApp(env) {
  const nodeArgs = [...startNodeArgs(), ...(process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  return startChild('app', 'dist/apps/main.js', env, async () => (await statusOf(`http://127.0.0.1:${env.PORT}/api/user/merchants`)) === 200, nodeArgs);
}

/** The WeChat sandbox on its own port. BENCH_SANDBOX_NODE_ARGS adds node options, as BENCH_APP_NODE_ARGS for the app. */
export function startSandbox(port) {
  const nodeArgs = (process.env.BENCH_SANDBOX_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return startChild('sandbox', 'dist/apps/wechat-sandbox/main.js', { SANDBOX_PORT: String(port), LOG_LEVEL: 'warn' }, async () =>
    (await statusOf(`http://127.0.0.1:${port}/wechat-sandbox/calls`)) < 500,
  nodeArgs);
}

/** The ceiling: node:http answering the success envelope, nothing else. */
export function startBare(port) {
  return startChild('bare node:http', 'scripts/bench/bare-server.mjs', { PORT: String(port) }, async () => (await statusOf(`http://127.0.0.1:${port}/`)) === 200);
}

/**
 * Receives WeChat Pay's notifications (the app's PUBLIC_BASE_URL points here). `forward`: passes
 * each to `target` and relays the answer. `hold`: keeps each (path, headers, body) and answers 204,
 * as the app would; the bench then replays them.
 */
export async function startNotifyRelay(port, target) {
  const held = [];
  let mode = 'forward';
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => name.startsWith('wechatpay-') || name === 'content-type'));
      if (mode === 'hold') {
        held.push({ path: req.url, headers, body });
        res.writeHead(204).end();
        return;
      }
      const out = request(`${target}${req.url}`, { method: 'POST', headers }, (answer) => {
        const back = [];
        answer.on('data', (chunk) => back.push(chunk));
        answer.on('end', () => res.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(back)));
      });
      out.on('error', () => res.writeHead(502).end());
      out.end(body);
    });
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    held,
    hold: () => (mode = 'hold'),
    forward: () => (mode = 'forward'),
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}
