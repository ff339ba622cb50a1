import { createServer, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { expect } from 'chai';
import { type ExchangeResult, V3Transport } from '../../../adapters/wechat-pay/v3-transport.js';

/** A local server whose handler sees each request's connection and how many requests it has carried. */
async function serve(handle: (res: ServerResponse, socket: Socket, nth: number, body: string) => void): Promise<{ server: Server; url: string; connections: () => number }> {
  const seen = new Map<Socket, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const nth = (seen.get(req.socket) ?? 0) + 1;
      seen.set(req.socket, nth);
      handle(res, req.socket, nth, Buffer.concat(chunks).toString('utf8'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${port}`, connections: () => seen.size };
}

const post = { method: 'POST' as const, headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' };
const answered = (result: ExchangeResult) => {
  if ('failure' in result) throw new Error(`no answer: ${JSON.stringify(result.failure)}`);
  return result;
};

describe('V3Transport (WeChat Pay exchanges on kept-alive connections)', () => {
  let running: Server | null = null;
  afterEach(() => {
    running?.closeAllConnections();
    running?.close();
    running = null;
  });

  it('sends method, headers and body, reads status, headers and body, and keeps one connection for calls in turn', async () => {
    const { server, url, connections } = await serve((res, _socket, nth, body) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Wechatpay-Nonce': `n${nth}` }).end(JSON.stringify({ echo: body }));
    });
    running = server;
    const transport = new V3Transport(url, 2000);
    for (const nth of [1, 2, 3]) {
      const answer = answered(await transport.send(`${url}/v3/pay/transactions/jsapi`, post));
      expect(answer.status).to.equal(200);
      expect(answer.header('wechatpay-nonce')).to.equal(`n${nth}`);
      expect(JSON.parse(answer.raw.toString('utf8'))).to.deep.equal({ echo: '{"a":1}' });
    }
    expect(connections()).to.equal(1);
  });

  it('sends a request again on a fresh connection when the kept-alive one was closed by the server', async () => {
    const { server, url, connections } = await serve((res, socket, nth) => {
      if (nth === 2) {
        socket.destroy();
        return;
      }
      res.writeHead(200).end('{}');
    });
    running = server;
    const transport = new V3Transport(url, 2000);
    answered(await transport.send(`${url}/v3/x`, post));
    expect(answered(await transport.send(`${url}/v3/x`, post)).status).to.equal(200);
    expect(connections()).to.equal(2);
  });

  it('names a timeout, a refused connection and an oversized answer, never the URL', async () => {
    const { server, url } = await serve((res, _socket, _nth, body) => {
      if (body === 'big') res.writeHead(200).end(Buffer.alloc(1024 * 1024 + 1, 'a'));
      // 'hang': no answer.
    });
    running = server;
    const transport = new V3Transport(url, 200);
    expect(await transport.send(`${url}/v3/x`, { ...post, body: 'hang' })).to.deep.equal({ failure: { reason: 'timeout' } });
    expect(await transport.send(`${url}/v3/x`, { ...post, body: 'big' })).to.deep.equal({ failure: { reason: 'answer too large', status: 200 } });
    const closed = await serve(() => undefined);
    const refusedUrl = closed.url;
    await new Promise((resolve) => closed.server.close(resolve));
    expect(await new V3Transport(refusedUrl, 200).send(`${refusedUrl}/v3/x`, post)).to.deep.equal({ failure: { reason: 'network', code: 'ECONNREFUSED' } });
  });
});
