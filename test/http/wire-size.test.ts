import { expect } from 'chai';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { APP1, fromMiniProgram } from '../support/http-client.js';
import { type TestServer, startTestServer } from '../support/test-server.js';

interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  /** The bytes as they crossed the wire. */
  readonly wire: Buffer;
  /** The body once decoded, parsed (null for an empty body). */
  readonly json: any;
}

/** A GET that sees the bytes on the wire (fetch would decode them unseen). */
function rawGet(baseUrl: string, path: string, headers: Record<string, string>): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const wire = Buffer.concat(chunks);
        const encoding = res.headers['content-encoding'];
        const plain = encoding === 'br' ? brotliDecompressSync(wire) : encoding === 'gzip' ? gunzipSync(wire) : wire;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, wire, json: plain.length ? JSON.parse(plain.toString('utf8')) : null });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('bytes on the wire [sqlite]', () => {
  let server: TestServer;
  let token: string;
  const get = (path: string, headers: Record<string, string> = {}, who = token) =>
    rawGet(server.url, `${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(who)}`, { ...fromMiniProgram(APP1), ...headers });

  before(async () => {
    server = await startTestServer();
    ({ token } = await server.api.wxLogin(APP1, 'user'));
  });
  after(async () => server?.close());

  it('compresses large answers with brotli or gzip as the client accepts, to the same JSON', async () => {
    const plain = await get('/api/user/area/tree');
    expect(plain.headers['content-encoding']).to.equal(undefined);
    expect(plain.json.code).to.equal(0);
    const br = await get('/api/user/area/tree', { 'Accept-Encoding': 'br' });
    const gzip = await get('/api/user/area/tree', { 'Accept-Encoding': 'gzip' });
    expect(br.headers['content-encoding']).to.equal('br');
    expect(gzip.headers['content-encoding']).to.equal('gzip');
    expect(br.json).to.deep.equal(plain.json);
    expect(gzip.json).to.deep.equal(plain.json);
    expect(br.wire.length).to.be.below(plain.wire.length / 4);
    expect(gzip.wire.length).to.be.below(plain.wire.length / 4);
    expect(br.headers['vary']).to.contain('Accept-Encoding');
  });

  it('leaves small answers uncompressed', async () => {
    const answer = await get('/api/user/merchant/categories/tree', { 'Accept-Encoding': 'gzip, br' });
    expect(answer.json.code).to.equal(0);
    expect(answer.wire.length).to.be.below(1024);
    expect(answer.headers['content-encoding']).to.equal(undefined);
  });

  for (const path of ['/api/user/area/tree', '/api/user/area/tree?tier=1', '/api/user/area/cities/withHot', '/api/user/merchant/categories/tree']) {
    it(`tags ${path} with an ETag and answers 304 with no body to a matching If-None-Match`, async () => {
      const first = await get(path, { 'Accept-Encoding': 'gzip' });
      const tag = first.headers['etag'];
      expect(tag).to.match(/^"[\w-]+"$/);
      const again = await get(path, { 'If-None-Match': String(tag), 'Accept-Encoding': 'gzip' });
      expect(again.status).to.equal(304);
      expect(again.wire.length).to.equal(0);
      expect(again.headers['etag']).to.equal(tag);
      const stale = await get(path, { 'If-None-Match': '"something-else"' });
      expect([stale.status, stale.json.code, stale.headers['etag']]).to.deep.equal([200, 0, tag]);
    });
  }

  it('gives different answers different tags, and the same answer the same tag on every request', async () => {
    const all = await get('/api/user/area/tree');
    const provinces = await get('/api/user/area/tree?tier=1');
    expect(all.headers['etag']).to.not.equal(provinces.headers['etag']);
    expect((await get('/api/user/area/tree')).headers['etag']).to.equal(all.headers['etag']);
  });

  it('never answers 304 to a request whose token is not valid, and tags no failure', async () => {
    const tag = String((await get('/api/user/area/tree')).headers['etag']);
    const refused = await get('/api/user/area/tree', { 'If-None-Match': tag }, 'not-a-token');
    expect(refused.status).to.equal(200);
    expect(refused.json.code).to.not.equal(0);
    expect(refused.headers['etag']).to.equal(undefined);
  });
});
