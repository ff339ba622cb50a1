import { createPublicKey, createVerify } from 'node:crypto';
import type { WxApi } from 'o2o-miniprogram-client';

type RequestOption = Parameters<WxApi['request']>[0];
type PaymentOption = Parameters<WxApi['requestPayment']>[0];

/**
 * `wx` as a mini program sees it, backed by the real server and its WeChat sandbox:
 * - `request` sends what wx.request sends (GET data as a query string, POST data as JSON) with the
 *   `Referer` WeChat sets for the current `appid`;
 * - `login` gives the code of the WeChat user playing (the sandbox maps a code to a stable openId
 *   per mini program; `user` is the demo user);
 * - storage is this shim's own (it survives a new client, as a mini program's does);
 * - `requestPayment` checks what WeChat's client checks (the fields, the prepay's mini program, the
 *   paySign with the merchant's key the sandbox holds), then the sandbox takes the money and notifies.
 */
export class WxShim implements WxApi {
  /** How many times `wx.login` was called. */
  logins = 0;
  /** The API paths requested, in order. */
  readonly requested: string[] = [];
  /** What the user does on the payment sheet. */
  paymentChoice: 'pay' | 'cancel' = 'pay';
  /** Answers to give instead of the server's, by API path (to play a server that keeps refusing). */
  readonly cannedAnswers = new Map<string, unknown>();
  private readonly storage = new Map<string, unknown>();

  constructor(
    private readonly serverUrl: string,
    /** The mini program this `wx` belongs to; tests switch it to play a change of mini program. */
    public appid: string,
    /** The `wx.login` code: who the WeChat user is. */
    public wechatUser: string,
  ) {}

  request(option: RequestOption): void {
    const method = option.method ?? 'GET';
    const data = option.data ?? {};
    const url = new URL(option.url);
    if (method === 'GET') for (const [name, value] of Object.entries(data)) url.searchParams.set(name, String(value));
    this.requested.push(url.pathname);
    if (this.cannedAnswers.has(url.pathname)) {
      setTimeout(() => option.success?.({ data: this.cannedAnswers.get(url.pathname), statusCode: 200 }), 1);
      return;
    }
    fetch(url, {
      method,
      headers: { ...option.header, Referer: `https://servicewechat.com/${this.appid}/0/page-frame.html` },
      body: method === 'GET' ? undefined : JSON.stringify(data),
    })
      .then(async (response) => {
        const text = await response.text();
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch (error) {
          if (!(error instanceof SyntaxError)) throw error;
        }
        option.success?.({ data: body, statusCode: response.status });
      })
      .catch((error: Error) => option.fail?.({ errMsg: `request:fail ${error.message}` }));
  }

  login(option: Parameters<WxApi['login']>[0]): void {
    this.logins += 1;
    setTimeout(() => option.success?.({ code: this.wechatUser }), 1);
  }

  getStorageSync(key: string): unknown {
    return this.storage.get(key) ?? '';
  }

  setStorageSync(key: string, data: unknown): void {
    this.storage.set(key, data);
  }

  removeStorageSync(key: string): void {
    this.storage.delete(key);
  }

  requestPayment(option: PaymentOption): void {
    this.pay(option).then(
      () => option.success?.({ errMsg: 'requestPayment:ok' }),
      (error: Error) => option.fail?.({ errMsg: `requestPayment:fail ${error.message}` }),
    );
  }

  private async pay(option: PaymentOption): Promise<void> {
    for (const field of ['timeStamp', 'nonceStr', 'package', 'paySign'] as const) {
      if (typeof option[field] !== 'string' || option[field] === '') throw new Error(`parameter error: ${field} is required`);
    }
    if (option.signType !== 'RSA') throw new Error('parameter error: signType must be RSA for WeChat Pay v3');
    const prepayId = option.package.replace(/^prepay_id=/, '');
    const transactions = (await (await fetch(`${this.serverUrl}/wechat-sandbox/pay/transactions`)).json()) as Array<Record<string, any>>;
    const tx = transactions.find((t) => t['prepay_id'] === prepayId);
    if (!tx) throw new Error('prepay_id unknown');
    if (tx['appid'] !== this.appid) throw new Error('the prepay belongs to another mini program');
    const merchant = (await (await fetch(`${this.serverUrl}/wechat-sandbox/merchants/${tx['mchid']}`)).json()) as { merchantPublicKey: string };
    const signed = `${this.appid}\n${option.timeStamp}\n${option.nonceStr}\n${option.package}\n`;
    if (!createVerify('RSA-SHA256').update(signed).verify(createPublicKey(merchant.merchantPublicKey), option.paySign, 'base64')) {
      throw new Error('paySign does not verify');
    }
    if (this.paymentChoice === 'cancel') throw new Error('cancel');
    const paid = await fetch(`${this.serverUrl}/wechat-sandbox/pay/${tx['out_trade_no']}/succeed`, { method: 'POST' });
    if (paid.status !== 200) throw new Error(`the sandbox refused the payment (${paid.status})`);
  }
}
