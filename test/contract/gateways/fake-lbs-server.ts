import type { Geocoder } from '../../../core/index.js';
import { type LocalHttpServer, sendJson, startLocalHttpServer } from '../../adapters/support/local-http-server.js';
import { errorAnswer, successAnswer } from '../../geo/tencent-lbs-answers.js';

/** A request as the fake Tencent LBS received it. */
export interface LbsCall {
  readonly path: string;
  readonly location: string | null;
  readonly key: string | null;
}

export interface FakeLbsServer {
  readonly url: string;
  /** Every request, in arrival order. */
  readonly calls: LbsCall[];
  close(): Promise<void>;
}

/**
 * A node:http server playing Tencent Location Service's reverse geocoding
 * (`GET /ws/geocoder/v1/?location=<lat>,<lng>&key=…`, GCJ-02 only, latitude first), answering
 * from real administrative boundaries (`places`, asked in GCJ-02): the adcode of the place, or
 * at sea an answer with an empty adcode and no nation, as Tencent gives it. A wrong key is status
 * 311, a location it cannot read 310, any other path 404.
 */
export async function startFakeLbsServer(key: string, places: Geocoder): Promise<FakeLbsServer> {
  const calls: LbsCall[] = [];
  const server: LocalHttpServer = await startLocalHttpServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://local');
    const call = { path: url.pathname, location: url.searchParams.get('location'), key: url.searchParams.get('key') };
    calls.push(call);
    if (call.path !== '/ws/geocoder/v1/') return sendJson(response, { status: 404, message: 'not found' }, 404);
    if (call.key !== key) return sendJson(response, errorAnswer(311, 'key格式错误'));
    const [lat, lng] = (call.location ?? '').split(',').map(Number);
    if (call.location?.split(',').length !== 2 || !Number.isFinite(lat) || !Number.isFinite(lng)) {
      return sendJson(response, errorAnswer(310, '请求参数信息有误'));
    }
    const at = { lat: lat!, lng: lng! };
    places.locate(at, 'gcj02').then(
      (code) => {
        const place = code === null
          ? { adcode: '', province: '', city: '', district: '', nation_code: '', nation: '' }
          : { adcode: String(code), province: `省${code}`, city: `市${code}`, district: `区${code}` };
        sendJson(response, successAnswer(at, place));
      },
      () => sendJson(response, errorAnswer(500, 'server error'), 500),
    );
  });
  return { url: server.url, calls, close: () => server.close() };
}
