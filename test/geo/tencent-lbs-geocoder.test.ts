import type { ServerResponse } from 'node:http';
import { expect } from 'chai';
import { TencentLbsGeocoder } from '../../adapters/geo/tencent-lbs-geocoder.js';
import { DomainError } from '../../core/index.js';
import { type CapturedLogger, capturedLogger } from '../adapters/support/captured-logger.js';
import { caught } from '../adapters/support/caught.js';
import { type LocalHttpServer, sendJson, startLocalHttpServer } from '../adapters/support/local-http-server.js';
import { errorAnswer, successAnswer } from './tencent-lbs-answers.js';

const KEY = 'OB4BZ-D4W3U-B7VVO-4PJWW-6TKDJ-WPB77';
const TIANANMEN = { lng: 116.3975, lat: 39.9087 };
const BEIJING_DONGCHENG = { adcode: '110101', province: '北京市', city: '北京市', district: '东城区' };

type Reply = (response: ServerResponse) => void;

describe('TencentLbsGeocoder', () => {
  let server: LocalHttpServer;
  let reply: Reply;
  let received: Array<{ method: string; path: string; query: URLSearchParams }>;
  let log: CapturedLogger;

  const geocoder = (timeoutMs = 2000, baseUrl = server.url) => new TencentLbsGeocoder({ key: KEY, baseUrl, timeoutMs, logger: log.logger });
  const answer = (body: unknown): Reply => (response) => sendJson(response, body);
  const sentLocation = () => received[0]!.query.get('location')!.split(',').map(Number) as [number, number];
  const domainError = async (promise: Promise<unknown>): Promise<DomainError> => {
    const error = await caught(promise);
    expect(error).to.be.instanceOf(DomainError);
    return error as DomainError;
  };

  before(async () => {
    server = await startLocalHttpServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://local');
      received.push({ method: request.method ?? '', path: url.pathname, query: url.searchParams });
      reply(response);
    });
  });
  after(() => server.close());
  beforeEach(() => {
    received = [];
    log = capturedLogger();
  });

  it('asks for lat,lng with the key and answers the adcode', async () => {
    reply = answer(successAnswer(TIANANMEN, BEIJING_DONGCHENG));
    expect(await geocoder().locate(TIANANMEN, 'gcj02')).to.equal(110101);
    expect(received).to.have.length(1);
    expect(received[0]!.method).to.equal('GET');
    expect(received[0]!.path).to.equal('/ws/geocoder/v1/');
    expect(Object.fromEntries(received[0]!.query)).to.deep.equal({ location: '39.908700,116.397500', key: KEY });
  });

  it("gives a municipality's district code although ad_info.city repeats the province", async () => {
    reply = answer(successAnswer({ lat: 31.2397, lng: 121.5055 }, { adcode: '310115', province: '上海市', city: '上海市', district: '浦东新区' }));
    expect(await geocoder(2000, `${server.url}/`).locate({ lng: 121.5055, lat: 31.2397 }, 'gcj02')).to.equal(310115);
    expect(received[0]!.path).to.equal('/ws/geocoder/v1/');
  });

  it('gives the city code of a city without districts', async () => {
    reply = answer(successAnswer({ lat: 23.0205, lng: 113.7518 }, { adcode: '441900', province: '广东省', city: '东莞市', district: '' }));
    expect(await geocoder().locate({ lng: 113.7518, lat: 23.0205 }, 'gcj02')).to.equal(441900);
  });

  it('converts a GPS (WGS84) point to GCJ-02 before asking', async () => {
    reply = answer(successAnswer(TIANANMEN, BEIJING_DONGCHENG));
    expect(await geocoder().locate({ lng: 116.3913, lat: 39.9075 }, 'wgs84')).to.equal(110101);
    const [lat, lng] = sentLocation();
    // GCJ-02 lies ~600 m east and ~150 m north of WGS84 in Beijing.
    expect(lng - 116.3913).to.be.within(0.005, 0.008);
    expect(lat - 39.9075).to.be.within(0.0005, 0.0025);
    expect(received[0]!.query.has('coord_type')).to.equal(false);
  });

  it('answers null at sea, where the adcode is empty', async () => {
    reply = answer(successAnswer({ lat: 30, lng: 125 }, { adcode: '', province: '', city: '', district: '', nation_code: '', nation: '' }));
    expect(await geocoder().locate({ lng: 125, lat: 30 }, 'gcj02')).to.equal(null);
  });

  it('answers null abroad', async () => {
    reply = answer(successAnswer({ lat: 37.5665, lng: 126.978 }, { adcode: '-1', province: '서울특별시', city: '', district: '중구', nation_code: '410', nation: '韩国' }));
    expect(await geocoder().locate({ lng: 126.978, lat: 37.5665 }, 'gcj02')).to.equal(null);
  });

  it('answers null to status 347 (查询无结果)', async () => {
    reply = answer(errorAnswer(347, '查询无结果'));
    expect(await geocoder().locate({ lng: 0, lat: 0 }, 'gcj02')).to.equal(null);
  });

  for (const [status, message] of [
    [110, '请求来源未被授权'],
    [120, '此key每秒请求量已达到上限'],
    [121, '此key每日调用量已达到上限'],
    [190, '无效的KEY'],
    [311, 'key格式错误'],
    [310, '参数格式错误'],
  ] as const) {
    it(`answers status ${status} (${message}) with 70012 and logs it`, async () => {
      reply = answer(errorAnswer(status, message));
      expect((await domainError(geocoder().locate(TIANANMEN, 'gcj02'))).code).to.equal(70012);
      expect(log.entries().at(-1)).to.include({ lbsStatus: status, message, level: 40 });
    });
  }

  it('answers 70012 to a success without a result, HTTP 502, a body that is not JSON', async () => {
    for (const r of [
      answer({ status: 0, message: 'Success' }),
      answer({ message: 'no status' }),
      (response: ServerResponse) => sendJson(response, successAnswer(TIANANMEN, BEIJING_DONGCHENG), 502),
      (response: ServerResponse) => {
        response.writeHead(200, { 'Content-Type': 'text/html' });
        response.end('<html>busy</html>');
      },
    ]) {
      reply = r;
      expect((await domainError(geocoder().locate(TIANANMEN, 'gcj02'))).code).to.equal(70012);
    }
  });

  it('gives up after timeoutMs when the service never answers', async () => {
    reply = () => undefined;
    const error = await domainError(geocoder(150).locate(TIANANMEN, 'gcj02'));
    expect(error.code).to.equal(70012);
    expect(log.entries().at(-1)).to.include({ reason: 'timeout' });
  });

  it('answers 70012 when the service cannot be reached', async () => {
    const closed = await startLocalHttpServer(() => undefined);
    await closed.close();
    expect((await domainError(geocoder(2000, closed.url).locate(TIANANMEN, 'gcj02'))).code).to.equal(70012);
    expect(log.entries().at(-1)).to.include({ reason: 'network', code: 'ECONNREFUSED' });
  });

  it('never puts the key in a log line or an error', async () => {
    const outcomes: unknown[] = [];
    for (const r of [answer(successAnswer(TIANANMEN, BEIJING_DONGCHENG)), answer(errorAnswer(190, '无效的KEY')), answer(errorAnswer(347, '查询无结果'))]) {
      reply = r;
      outcomes.push(await geocoder().locate(TIANANMEN, 'gcj02').catch((error: unknown) => error));
    }
    outcomes.push(await geocoder(2000, 'http://127.0.0.1:1').locate(TIANANMEN, 'gcj02').catch((error: unknown) => error));
    expect(log.entries()).to.have.length(4);
    for (const text of [log.text(), ...outcomes.map((o) => (o instanceof Error ? `${o.message} ${o.stack}` : JSON.stringify(o)))]) {
      expect(text).not.to.include(KEY);
    }
  });

  it('refuses a malformed base URL, a missing key or a bad timeout when built', () => {
    expect(() => new TencentLbsGeocoder({ key: KEY, baseUrl: 'apis.map.qq.com', timeoutMs: 1000, logger: log.logger })).to.throw();
    expect(() => new TencentLbsGeocoder({ key: '', timeoutMs: 1000, logger: log.logger })).to.throw();
    expect(() => new TencentLbsGeocoder({ key: KEY, timeoutMs: 0, logger: log.logger })).to.throw(RangeError);
  });
});
