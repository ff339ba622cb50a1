import { expect } from 'chai';
import type { Shopper } from './shop.js';
import type { TestServer } from './test-server.js';

/** The bridge page as a browser gets it. */
export interface BridgePage {
  readonly status: number;
  readonly html: string;
  readonly headers: Headers;
}

/** `POST /order/bridge` for the shopper's order; expects success and returns `{url, expires_at}`. */
export async function mintBridge(shopper: Shopper, orderNo: string, page?: string): Promise<{ url: string; expires_at: string }> {
  const answer = await shopper.post('/order/bridge', page === undefined ? { order_no: orderNo } : { order_no: orderNo, page });
  expect(answer.body.code, JSON.stringify(answer.body)).to.equal(0);
  return answer.body.data as { url: string; expires_at: string };
}

export async function openPage(url: string): Promise<BridgePage> {
  const response = await fetch(url);
  return { status: response.status, html: await response.text(), headers: response.headers };
}

/** The newest mini-program code the sandbox made: `{appid, scene, page}`. */
export async function newestCode(server: TestServer): Promise<{ appid: string; scene: string; page: string }> {
  return ((await (await fetch(`${server.url}/wechat-sandbox/wxacodes`)).json()) as Array<{ appid: string; scene: string; page: string }>)[0]!;
}

export async function codeCount(server: TestServer): Promise<number> {
  return ((await (await fetch(`${server.url}/wechat-sandbox/wxacodes`)).json()) as unknown[]).length;
}

/** Mints a ticket for the shopper's order, opens the page, and returns the scene of its code. */
export async function sceneFor(server: TestServer, shopper: Shopper, orderNo: string): Promise<string> {
  const { url } = await mintBridge(shopper, orderNo);
  expect((await openPage(url)).status).to.equal(200);
  return (await newestCode(server)).scene;
}
