import { expect } from 'chai';
import type { ApiAnswer } from './http-client.js';
import { fromMiniProgram } from './http-client.js';
import type { TestServer } from './test-server.js';

/** A logged-in shopper of the demo data and the moves a mini program makes. */
export class Shopper {
  constructor(
    readonly server: TestServer,
    readonly appid: string,
    readonly token: string,
  ) {}

  /** Logs in with a wx.login code and, unless `user` (the demo user), binds a fresh mobile. */
  static async login(server: TestServer, appid: string, code: string, mobile?: string): Promise<Shopper> {
    const { token, answer } = await server.api.wxLogin(appid, code);
    if (!answer.body.data?.['userInfo']) {
      const send = await server.api.post('/api/user/sms/verify_code', { token, mobile }, fromMiniProgram(appid));
      expect(send.body.code, JSON.stringify(send.body)).to.equal(0);
      const login = await server.api.post(
        '/api/user/login',
        { token, mobile, verify_code: send.body.data?.['verify_code'] },
        fromMiniProgram(appid),
      );
      expect(login.body.code, JSON.stringify(login.body)).to.equal(0);
    }
    return new Shopper(server, appid, token);
  }

  post(path: string, body: Record<string, unknown>): Promise<ApiAnswer> {
    return this.server.api.post(`/api/user${path}`, { token: this.token, ...body }, fromMiniProgram(this.appid));
  }

  get(path: string, query: Record<string, string> = {}): Promise<ApiAnswer> {
    return this.server.api.get(`/api/user${path}`, { token: this.token, ...query }, fromMiniProgram(this.appid));
  }

  async buy(goodsName: string, number = 1): Promise<ApiAnswer> {
    return this.post('/order/buy', { goods_id: await goodsIdOf(this.server, goodsName), number });
  }

  async detail(orderNo: string): Promise<Record<string, any>> {
    const answer = await this.get('/order/detail', { order_no: orderNo });
    expect(answer.body.code, JSON.stringify(answer.body)).to.equal(0);
    return answer.body.data as Record<string, any>;
  }
}

export async function goodsIdOf(server: TestServer, name: string): Promise<number> {
  const row = await server.db('goods').where({ name }).first('id');
  if (!row) throw new Error(`no demo goods named ${name}`);
  return Number(row.id);
}

/** The sandbox's control route: WeChat Pay takes the money and notifies (again, if called again). */
export async function sandboxPays(server: TestServer, orderNo: string, body: Record<string, unknown> = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.url}/wechat-sandbox/pay/${orderNo}/succeed`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}
