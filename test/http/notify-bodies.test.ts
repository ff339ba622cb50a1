import { connect } from 'node:net';
import { expect } from 'chai';
import { type CapturedLogger, capturedLogger } from '../adapters/support/captured-logger.js';
import { testDatabases } from '../support/test-databases.js';
import { type TestServer, startTestServer } from '../support/test-server.js';

const WARN = 40;
const ERROR = 50;

for (const database of testDatabases()) {
  describe(`WeChat Pay notifications with bodies that cannot be read [${database.name}]`, () => {
    let server: TestServer;
    let log: CapturedLogger;

    before(async () => {
      log = capturedLogger();
      server = await startTestServer({ ORDER_SWEEP_SECONDS: '0', HOUSEKEEPING_MINUTES: '0' }, { logger: log.logger }, database);
    });
    after(async () => server?.close());

    const notify = (kind: 'pay' | 'refund', body: BodyInit, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
      fetch(`${server.url}/api/wechat/${kind}/notify/1`, { method: 'POST', headers, body });
    const linesAbout = (requestId: string | null) => log.entries().filter((entry) => entry['requestId'] === requestId);
    const errorsLogged = () => log.entries().filter((entry) => Number(entry['level']) >= ERROR);

    it('answers a body over the limit with 413 and the FAIL body, logged at warn', async () => {
      for (const kind of ['pay', 'refund'] as const) {
        const answer = await notify(kind, JSON.stringify({ id: 'x', resource: { ciphertext: 'A'.repeat(70_000) } }));
        expect(answer.status, kind).to.equal(413);
        expect(await answer.json()).to.deep.equal({ code: 'FAIL', message: '请求体过大' });
        const lines = linesAbout(answer.headers.get('x-request-id'));
        expect(lines.map((l) => l['level'])).to.include(WARN);
        expect(lines.every((l) => Number(l['level']) < ERROR)).to.equal(true);
      }
      expect(errorsLogged()).to.deep.equal([]);
    });

    it('answers malformed, unsigned or wrongly encoded bodies with a 4xx FAIL body, logged at warn', async () => {
      const bodies: Array<[BodyInit, Record<string, string>]> = [
        ['{"resource": ', { 'Content-Type': 'application/json' }],
        ['', { 'Content-Type': 'application/json' }],
        ['[1,2,3]', { 'Content-Type': 'application/json' }],
        [new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0xc3, 0x28]), { 'Content-Type': 'application/json; charset=utf-16' }],
        ['id=1&resource=x', { 'Content-Type': 'application/x-www-form-urlencoded' }],
        ['{"id":"x"}', { 'Content-Type': 'application/json', 'Wechatpay-Timestamp': '1e999', 'Wechatpay-Nonce': 'n', 'Wechatpay-Serial': 's', 'Wechatpay-Signature': 'x' }],
      ];
      for (const [body, headers] of bodies) {
        const answer = await notify('pay', body, headers);
        expect(answer.status, String(body)).to.be.within(400, 499);
        expect((await answer.json()).code).to.equal('FAIL');
        expect(linesAbout(answer.headers.get('x-request-id')).map((l) => l['level'])).to.include(WARN);
      }
      expect(errorsLogged()).to.deep.equal([]);
    });

    it('logs a body cut off by the sender at warn, and goes on answering', async () => {
      const warnings = () => log.entries().filter((e) => e['reason'] === 'body unreadable').length;
      const before = warnings();
      const { port } = new URL(server.url);
      await new Promise<void>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write('POST /api/wechat/pay/notify/1 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"id":');
          setImmediate(() => socket.destroy());
        });
        socket.on('close', () => resolve());
        socket.on('error', reject);
      });
      // The warning is the event to wait for: the server logs it once it sees the connection end.
      for (let i = 0; i < 200 && warnings() === before; i++) await new Promise((r) => setTimeout(r, 10));
      expect(warnings()).to.equal(before + 1);
      expect(errorsLogged()).to.deep.equal([]);
      expect((await notify('pay', '{}')).status).to.equal(401);
    });
  });
}
