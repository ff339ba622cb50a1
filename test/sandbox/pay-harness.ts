import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { enrol, payCall, testMerchant, type Platform, type TestMerchant } from './pay-merchant-side.js';
import { startTestSandbox, type TestSandbox } from './sandbox-harness.js';

export * from './pay-merchant-side.js';

/*
 * A WeChat Pay test world: a sandbox with short notification retries, an enrolled merchant and
 * a local server receiving the notifications, plus helpers to prepay and call the controls.
 */

/** A notification a receiver got. */
export interface ReceivedNotice {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly json: any;
}

/** A local merchant server receiving notifications; answers from `statuses`, then 200. */
export interface NotifyReceiver {
  readonly url: string;
  readonly received: ReceivedNotice[];
  /**
   * The statuses to answer the next notifications with, in order: `0` drops the connection,
   * `-1` never answers.
   */
  statuses: number[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<NotifyReceiver> {
  const received: ReceivedNotice[] = [];
  const receiver = { received, statuses: [] as number[] };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ path: req.url ?? '', headers: req.headers, body, json: JSON.parse(body) });
      const status = receiver.statuses.shift() ?? 200;
      if (status === 0) return void req.socket.destroy();
      if (status === -1) return;
      if (status === 204) return void res.writeHead(204).end();
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(status === 200 ? '' : '{"code":"FAIL","message":"失败"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}

/** Short notification retries, so tests do not wait. */
export const FAST_PAY = Object.freeze({ notifyRetryDelaysMs: [10, 20, 30], notifyTimeoutMs: 2_000, refundSettleMs: 5 });

/** A sandbox with short retries, one enrolled merchant and a notification receiver. */
export interface PayWorld {
  readonly sandbox: TestSandbox;
  readonly merchant: TestMerchant;
  readonly platform: Platform;
  readonly receiver: NotifyReceiver;
  close(): Promise<void>;
}

export async function startPayWorld(): Promise<PayWorld> {
  const sandbox = await startTestSandbox({ pay: FAST_PAY });
  const merchant = await testMerchant(1);
  const platform = await enrol(sandbox, merchant);
  const receiver = await startReceiver();
  return {
    sandbox,
    merchant,
    platform,
    receiver,
    close: async () => {
      await sandbox.close();
      await receiver.close();
    },
  };
}

let orderSeq = 0;

/** A fresh out_trade_no (unique within the run). */
export function newOutTradeNo(prefix = 'T'): string {
  orderSeq += 1;
  return `${prefix}${Date.now()}${String(orderSeq).padStart(4, '0')}`;
}

/** A well-formed JSAPI prepay body for `merchant`. */
export function jsapiBody(world: PayWorld, outTradeNo: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    appid: world.merchant.appids[0],
    mchid: world.merchant.mchid,
    description: '咖啡双人套餐',
    out_trade_no: outTradeNo,
    time_expire: '2030-01-01T10:00:00+08:00',
    notify_url: `${world.receiver.url}/api/wechat/pay/notify/1`,
    amount: { total: 3990, currency: 'CNY' },
    payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
    ...overrides,
  };
}

/** Prepays `outTradeNo` and fails unless WeChat Pay answered 200. */
export async function prepay(world: PayWorld, outTradeNo: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const answer = await payCall(world.sandbox, world.merchant, 'POST', '/v3/pay/transactions/jsapi', jsapiBody(world, outTradeNo, overrides));
  if (answer.status !== 200) throw new Error(`prepay answered ${answer.status}: ${answer.text}`);
  return answer.json.prepay_id as string;
}

/** Calls a sandbox pay control (`/pay/{no}/succeed`…) and reads its JSON answer. */
export async function control(world: PayWorld, path: string, body?: object): Promise<{ status: number; json: any }> {
  const response = await fetch(`${world.sandbox.url}/wechat-sandbox${path}`, {
    method: 'POST',
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, json: await response.json() };
}

/**
 * A pay world for the calling describe: started before its tests, closed after, its receiver
 * emptied before each test. The returned object reads through to the world once started.
 */
export function usePayWorld(): PayWorld {
  let current: PayWorld | null = null;
  const started = (): PayWorld => {
    if (!current) throw new Error('the pay world is used before it started');
    return current;
  };
  before(async () => {
    current = await startPayWorld();
  });
  after(async () => {
    await current?.close();
  });
  beforeEach(() => {
    started().receiver.received.length = 0;
    started().receiver.statuses = [];
  });
  return {
    get sandbox() {
      return started().sandbox;
    },
    get merchant() {
      return started().merchant;
    },
    get platform() {
      return started().platform;
    },
    get receiver() {
      return started().receiver;
    },
    close: () => started().close(),
  };
}

/** WeChat Pay's view of a transaction, queried as the world's merchant. */
export async function queryTransaction(world: PayWorld, outTradeNo: string): Promise<any> {
  const path = `/v3/pay/transactions/out-trade-no/${outTradeNo}?mchid=${world.merchant.mchid}`;
  return (await payCall(world.sandbox, world.merchant, 'GET', path)).json;
}
