import fc from 'fast-check';
import { APP1 } from '../support/http-client.js';
import { extraKey, hostileJson, hostileString, hostileText } from './hostile-values.js';
import { type ObjectSchema, validValue } from './schema-values.js';

/** A request as sent over the wire; `label` is what a failure report shows. */
export interface HostileRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly target: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Uint8Array<ArrayBuffer>;
  readonly label: string;
}

type Params = Record<string, unknown>;

const REFERER = `https://servicewechat.com/${APP1}/0/page-frame.html`;
/**
 * Header values that node's client can send at all (visible ASCII and Latin-1, no CR/LF/NUL),
 * short enough for node's 16 KB request head (beyond it node itself answers 431).
 */
const headerSafe = (text: string) => text.replace(/[^\x20-\x7e\x80-\xff]/g, '?').slice(0, 1500);

/** Who the request says it is: mostly mini program 1, sometimes a forged or missing mark. */
const identityHeaders: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ Referer: REFERER }) },
  { weight: 1, arbitrary: hostileString.map((s) => ({ Referer: headerSafe(`https://servicewechat.com/${s}/0/page-frame.html`) })) },
  { weight: 1, arbitrary: hostileString.map((s) => ({ 'User-Agent': headerSafe(`MicroMessenger appid/${s}`), 'X-Appid': headerSafe(s) })) },
  { weight: 1, arbitrary: fc.constant({}) },
);

/** A route's parameters from its schema: each valid, hostile or missing; plus undeclared ones. */
function paramsOf(schema: ObjectSchema): fc.Arbitrary<Params> {
  const fields = Object.entries(schema.properties).map(([name, property]) =>
    fc.oneof(
      { weight: 4, arbitrary: validValue(property).map((value): [string, unknown] => [name, value]) },
      { weight: 2, arbitrary: hostileJson.map((value): [string, unknown] => [name, value]) },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
  );
  const extras = fc.array(fc.tuple(extraKey, hostileJson), { maxLength: 2 });
  return fc.tuple(fc.tuple(...fields), extras).map(([declared, extra]) => {
    const params: Params = {};
    for (const entry of [...declared, ...extra]) {
      if (entry) Object.defineProperty(params, entry[0], { value: entry[1], enumerable: true, writable: true, configurable: true });
    }
    return params;
  });
}

/** A parameter as text: strings as they are, numbers written out, arrays as repeated parameters. */
function asText(value: unknown): string | string[] {
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? ''));
  return typeof value === 'string' ? value : JSON.stringify(value) ?? '';
}

function urlEncoded(params: Params, maxChars = Infinity): string {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    for (const text of [asText(value)].flat()) pairs.push(new URLSearchParams([[key, text]]).toString().slice(0, maxChars));
  }
  return pairs.join('&');
}

/** Every byte of `text` as UTF-8 (lone surrogates become U+FFFD), percent-encoded. */
const percentEncoded = (text: string) => [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

/**
 * Each encoded query parameter is cut to this length (perhaps inside an escape, which is hostile
 * too), so that the request head stays under node's 16 KB, beyond which node itself answers 431:
 * huge values are exercised in bodies instead.
 */
const QUERY_VALUE_CHARS = 1200;

/** Query-string garbage that no encoder would produce: broken escapes, overlong UTF-8, empty pairs. */
const rawQueryJunk = fc.constantFrom('', '&%ZZ=1', '&a=%C0%AF', '&&&=&', '&page=%', '&%00=%00', '&id=1&id=2', '&x=%E4%B8', '&%F0%9F=1');

/** How a POST body is sent: as wx.request does, or in every way it should not be. */
const bodyEncodings = ['json', 'form', 'json-as-text', 'no-type', 'xml', 'multipart', 'latin1', 'utf16', 'gzip-lie', 'bytes', 'oversize'] as const;
type BodyEncoding = (typeof bodyEncodings)[number];

function encodeBody(params: Params, encoding: BodyEncoding, bytes: Uint8Array<ArrayBuffer>): { body: Uint8Array<ArrayBuffer>; type?: string; extra?: Record<string, string> } {
  const json = JSON.stringify(params);
  const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
  switch (encoding) {
    case 'json': return { body: utf8(json), type: 'application/json' };
    case 'form': return { body: utf8(urlEncoded(params)), type: 'application/x-www-form-urlencoded' };
    case 'json-as-text': return { body: utf8(json), type: 'text/plain' };
    case 'no-type': return { body: utf8(json) };
    case 'xml': return { body: utf8(`<xml><token>${json}</token></xml>`), type: 'application/xml' };
    case 'multipart': return { body: utf8(`--b\r\nContent-Disposition: form-data; name="x"\r\n\r\n${json}\r\n--b--\r\n`), type: 'multipart/form-data; boundary=b' };
    case 'latin1': return { body: new Uint8Array(Buffer.from(`${json.slice(0, -1)},"名":"𠮷"}`.replace(/^\{,/, '{'), 'latin1')), type: 'application/json' };
    case 'utf16': return { body: new Uint8Array(Buffer.from(json, 'utf16le')), type: 'application/json; charset=utf-16le' };
    case 'gzip-lie': return { body: utf8(json), type: 'application/json', extra: { 'Content-Encoding': 'gzip' } };
    case 'bytes': return { body: bytes, type: 'application/json' };
    case 'oversize': return { body: utf8(JSON.stringify({ ...params, pad: 'x'.repeat(70_000) })), type: 'application/json' };
  }
}

export interface ApiRoute {
  readonly method: string;
  readonly path: string;
  readonly schema: ObjectSchema;
}

/** A hostile request to a described API route, built from its parameter schema and its method. */
export function apiRequest(route: ApiRoute, tokens: readonly string[]): fc.Arbitrary<HostileRequest> {
  const token = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...tokens) },
    { weight: 1, arbitrary: hostileJson },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  return fc
    .record({
      params: paramsOf(route.schema),
      token,
      bearer: fc.boolean(),
      identity: identityHeaders,
      junk: rawQueryJunk,
      encoding: fc.constantFrom(...bodyEncodings),
      bytes: fc.uint8Array({ maxLength: 64 }),
    })
    .map(({ params, token: t, bearer, identity, junk, encoding, bytes }) => {
      const headers: Record<string, string> = { ...identity };
      const all: Params = { ...params };
      if (bearer && typeof t === 'string') headers['Authorization'] = headerSafe(`Bearer ${t}`);
      else if (t !== undefined) all['token'] = t;
      if (route.method === 'GET') {
        const target = `${route.path}?${urlEncoded(all, QUERY_VALUE_CHARS)}${junk}`;
        return { method: 'GET', target, headers, label: `GET ${target.slice(0, 300)}` };
      }
      const { body, type, extra } = encodeBody(all, encoding, bytes);
      if (type) headers['Content-Type'] = type;
      return { method: route.method, target: route.path, headers: { ...headers, ...extra }, body, label: `${route.method} ${route.path} [${encoding}] ${JSON.stringify(all).slice(0, 300)}` };
    });
}

/** A path under /api/user that no route serves. */
export const unknownApiRequest: fc.Arbitrary<HostileRequest> = fc
  .tuple(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'), hostileString.filter((s) => s.length < 200))
  .map(([method, segment]) => {
    const target = `/api/user/no-such/${percentEncoded(segment)}`;
    return { method, target, headers: { Referer: REFERER }, label: `${method} ${target}` };
  });

/** The bridge page with its parameters (and a few it must refuse) valid-looking, hostile or missing. */
export function bridgeRequest(tokens: readonly string[]): fc.Arbitrary<HostileRequest> {
  const digits = fc.oneof(fc.integer({ min: 1, max: 30 }).map(String), fc.stringMatching(/^\d{1,32}$/));
  const value = (valid: fc.Arbitrary<string>) => fc.option(fc.oneof({ weight: 3, arbitrary: valid }, { weight: 2, arbitrary: hostileText }), { nil: undefined });
  return fc
    .record({
      targetOperId: value(fc.constantFrom('1', '2')),
      orderNo: value(digits),
      userId: value(digits),
      page: value(fc.constantFrom('pages/severs/index/index', 'pages/a', '')),
      ticket: value(fc.string({ maxLength: 40 })),
      token: value(fc.constantFrom(...tokens)),
      junk: rawQueryJunk,
    })
    .map(({ junk, ...params }) => {
      const defined = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
      const target = `/miniprogram_bridge/pay?${urlEncoded(defined, QUERY_VALUE_CHARS)}${junk}`;
      return { method: 'GET', target, headers: {}, label: `GET ${target.slice(0, 300)}` };
    });
}

/** A WeChat Pay notification nobody signed: hostile path, headers and body. */
export const notificationRequest: fc.Arbitrary<HostileRequest> = fc
  .record({
    kind: fc.constantFrom('pay', 'refund'),
    // Never empty: `/notify/` alone is no notification route but the app's 404.
    operId: fc.oneof({ weight: 3, arbitrary: fc.constantFrom('1', '2') }, { weight: 1, arbitrary: hostileString.filter((s) => s.length > 0 && s.length < 100) }),
    headers: fc.record(
      {
        'Wechatpay-Timestamp': fc.oneof(fc.constant(String(Math.floor(Date.now() / 1000))), hostileString),
        'Wechatpay-Nonce': hostileString,
        'Wechatpay-Serial': hostileString,
        'Wechatpay-Signature': hostileString,
      },
      { requiredKeys: [] },
    ),
    resource: fc.dictionary(fc.constantFrom('algorithm', 'ciphertext', 'nonce', 'associated_data', 'original_type'), hostileJson),
    encoding: fc.constantFrom(...bodyEncodings),
    bytes: fc.uint8Array({ maxLength: 64 }),
  })
  .map(({ kind, operId, headers, resource, encoding, bytes }) => {
    const target = `/api/wechat/${kind}/notify/${percentEncoded(operId)}`;
    const { body, type, extra } = encodeBody({ id: 'EV-1', event_type: 'TRANSACTION.SUCCESS', resource }, encoding, bytes);
    const sent: Record<string, string> = { ...extra };
    for (const [name, value] of Object.entries(headers)) sent[name] = headerSafe(value);
    if (type) sent['Content-Type'] = type;
    return { method: 'POST', target, headers: sent, body, label: `POST ${target} [${encoding}] ${JSON.stringify(headers).slice(0, 200)}` };
  });
