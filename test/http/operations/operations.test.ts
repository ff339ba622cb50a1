import { expect } from 'chai';
import { APP1 } from '../../support/http-client.js';
import { testDatabases } from '../../support/test-databases.js';
import { type TestServer, startTestServer } from '../../support/test-server.js';

/** A line of the Prometheus text whose name and labels contain every fragment, or undefined. */
function sample(text: string, ...fragments: string[]): string | undefined {
  return text.split('\n').find((line) => !line.startsWith('#') && fragments.every((f) => line.includes(f)));
}

function valueOf(line: string | undefined): number {
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

for (const database of testDatabases()) {
  describe(`health, readiness and metrics [${database.name}]`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ ORDER_SWEEP_SECONDS: '1' }, {}, database);
    });
    after(() => server?.close());

    it('answers /healthz and /readyz with 200 outside the envelope, without a token', async () => {
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).to.equal(200);
      expect(await health.json()).to.deep.equal({ status: 'ok' });
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).to.equal(200);
      expect(await ready.json()).to.deep.equal({ status: 'ready' });
      expect(ready.headers.get('cache-control')).to.equal('no-store');
    });

    it('refuses other methods than GET and HEAD', async () => {
      const answer = await fetch(`${server.url}/readyz`, { method: 'POST' });
      expect(answer.status).to.equal(405);
      expect((await fetch(`${server.url}/healthz`, { method: 'HEAD' })).status).to.equal(200);
    });

    it('counts requests by route template, status and code, with latency', async () => {
      const { token } = await server.api.wxLogin(APP1, 'metrics-requests');
      await server.api.get('/api/user/area/tree', { tier: '1', token });
      await server.api.get('/api/user/area/tree', { tier: '9', token });
      await server.api.get('/api/user/no/such/route/12345');
      const text = await (await fetch(`${server.url}/metrics`)).text();
      expect(valueOf(sample(text, 'o2o_http_requests_total{', 'route="/api/user/area/tree"', 'status="200"', 'code="0"'))).to.equal(1);
      expect(valueOf(sample(text, 'o2o_http_requests_total{', 'route="/api/user/area/tree"', 'code="10001"'))).to.equal(1);
      expect(valueOf(sample(text, 'o2o_http_requests_total{', 'route="unmatched"', 'code="10000"'))).to.equal(1);
      expect(text).not.to.include('12345');
      expect(valueOf(sample(text, 'o2o_http_request_duration_seconds_count{', 'route="/api/user/area/tree"'))).to.equal(2);
      expect(sample(text, 'o2o_db_pool_connections_in_use')).to.match(/ \d+$/);
      expect(sample(text, 'o2o_db_pool_connections_idle')).to.match(/ \d+$/);
      expect(sample(text, 'process_cpu_user_seconds_total')).to.match(/ [\d.e+-]+$/);
    });

    it('counts WeChat calls by API and outcome', async () => {
      await server.api.wxLogin(APP1, 'metrics-someone');
      const refused = await server.api.post('/api/user/wxLogin', { code: 'used' }, { 'X-Appid': APP1 });
      expect(refused.body.code).to.equal(10001);
      const text = await (await fetch(`${server.url}/metrics`)).text();
      expect(valueOf(sample(text, 'o2o_wechat_calls_total{', 'api="auth.codeToSession"', 'outcome="ok"'))).to.be.at.least(1);
      expect(valueOf(sample(text, 'o2o_wechat_calls_total{', 'api="auth.codeToSession"', 'outcome="refused"'))).to.equal(1);
    });

    it('counts the runs of the order sweep', async () => {
      let line: string | undefined;
      while (!line) {
        const text = await (await fetch(`${server.url}/metrics`)).text();
        line = sample(text, 'o2o_job_runs_total{', 'job="order-sweep"', 'outcome="ok"');
        if (!line) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(valueOf(line)).to.be.at.least(1);
    });

    it('serves /metrics only to loopback callers talking directly: a forwarded request is refused', async () => {
      const headers: Array<Record<string, string>> = [{ 'X-Forwarded-For': '127.0.0.1' }, { Forwarded: 'for=127.0.0.1' }, { 'X-Real-IP': '127.0.0.1' }];
      for (const header of headers) {
        const answer = await fetch(`${server.url}/metrics`, { headers: header });
        expect(answer.status).to.equal(403);
        expect(await answer.text()).to.include('METRICS_PUBLIC=1');
      }
    });
  });
}

describe('metrics with METRICS_PUBLIC=1', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ METRICS_PUBLIC: '1', TRUST_PROXY: '1' });
  });
  after(() => server?.close());

  it('are served to forwarded callers too', async () => {
    const answer = await fetch(`${server.url}/metrics`, { headers: { 'X-Forwarded-For': '203.0.113.9' } });
    expect(answer.status).to.equal(200);
    expect(answer.headers.get('content-type')).to.match(/^text\/plain; version=0\.0\.4/);
    expect(await answer.text()).to.include('# TYPE o2o_http_requests_total counter');
  });
});
