import { expect } from 'chai';
import Koa from 'koa';
import type { AddressInfo } from 'node:net';
import { type Server, createServer } from 'node:http';
import { Readable } from 'node:stream';
import { jsonOnce } from '../../apps/http/edge/json-once.js';

describe('jsonOnce', () => {
  let server: Server;
  let base: string;
  let seenByOuter: unknown[];
  before(async () => {
    const app = new Koa();
    seenByOuter = [];
    app.use(async (ctx, next) => {
      await next();
      seenByOuter.push(ctx.body);
    });
    app.use(jsonOnce());
    app.use(async (ctx) => {
      if (ctx.path === '/object') ctx.body = { code: 0, message: '请求成功', data: { name: '涮肉' } };
      else if (ctx.path === '/array') ctx.body = [1, '二'];
      else if (ctx.path === '/buffer') ctx.body = Buffer.from('raw');
      else if (ctx.path === '/stream') ctx.body = Readable.from(['streamed']);
      else ctx.body = '<p>page</p>';
    });
    server = createServer(app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends an object or array as JSON text with its JSON type and byte length, serialised before the outer middleware sees it', async () => {
    for (const [path, value] of [
      ['/object', { code: 0, message: '请求成功', data: { name: '涮肉' } }],
      ['/array', [1, '二']],
    ] as const) {
      const answer = await fetch(base + path);
      const text = await answer.text();
      expect(answer.headers.get('content-type')).to.equal('application/json; charset=utf-8');
      expect(Number(answer.headers.get('content-length'))).to.equal(Buffer.byteLength(text));
      expect(JSON.parse(text)).to.deep.equal(value);
      expect(seenByOuter.at(-1)).to.equal(text);
    }
  });

  it('leaves buffers, streams and text as they are', async () => {
    const buffer = await fetch(`${base}/buffer`);
    expect(buffer.headers.get('content-type')).to.equal('application/octet-stream');
    expect(await buffer.text()).to.equal('raw');
    expect(await (await fetch(`${base}/stream`)).text()).to.equal('streamed');
    const page = await fetch(`${base}/page`);
    expect(page.headers.get('content-type')).to.equal('text/html; charset=utf-8');
    expect(await page.text()).to.equal('<p>page</p>');
  });
});
