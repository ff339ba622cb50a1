import { ApiMethods, type Call, OPERATIONS, type Operations, type Result, type SdkConfig, type UserInfo } from './api.js';
import { type WxApi, globalWx } from './wx.js';

export interface ClientOptions {
  /** Where the API answers, e.g. `https://api.example.com` (no trailing slash needed). */
  readonly baseUrl: string;
  /** The storage key of the token (default `o2o.token`). */
  readonly storageKey?: string;
  /** The `wx` to use; the mini program's own by default. */
  readonly wx?: WxApi;
}

/** How a route is called. */
interface Route {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly token: boolean;
}

/** How `wx.requestPayment` ended. */
export type PaymentOutcome = { readonly kind: 'paid' } | { readonly kind: 'cancelled' } | { readonly kind: 'failed'; readonly message: string };

/** What `POST /order/bridge` answers: the bridge page to open in a web-view, and until when it opens. */
export interface BridgeLink {
  readonly url: string;
  readonly expires_at: string;
}

/** Codes that mean "log in again": the token is unknown or expired (10007), or of another mini program (70010). */
const RELOGIN_CODES: ReadonlySet<number> = new Set([10007, 70010]);
const API_PREFIX = '/api/user';

/**
 * The API for a mini program. Every call sends the stored token; when the API answers 10007 or
 * 70010 the client runs `wx.login` and `/wxLogin` (once, however many calls wait for it), stores
 * the new token and retries the call once. 10003 comes back as `{kind: 'bind-phone'}`: the page
 * asks for the phone and calls {@link bindPhone}. Answers are typed from the API document.
 */
export class MiniProgramClient extends ApiMethods {
  private readonly wx: WxApi;
  private readonly baseUrl: string;
  private readonly storageKey: string;
  private signingIn: Promise<Result<string>> | null = null;

  constructor(options: ClientOptions) {
    super();
    this.wx = options.wx ?? globalWx();
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.storageKey = options.storageKey ?? 'o2o.token';
  }

  /** The user bound to this mini program's WeChat identity, as the last login said (null: not bound, or not known yet). */
  get userInfo(): UserInfo | null {
    const stored = this.wx.getStorageSync(`${this.storageKey}.user`);
    return stored && typeof stored === 'object' ? (stored as UserInfo) : null;
  }

  /** Sends the SMS code for binding a phone (`/sms/verify_code`). */
  sendVerifyCode(mobile: string): Promise<Result<Operations['smsVerifyCode']['answer']>> {
    return this.smsVerifyCode({ mobile });
  }

  /** Binds the phone to this WeChat identity with the SMS code (`/login`): what a `bind-phone` outcome asks for. */
  bindPhone(mobile: string, verifyCode: string): Promise<Result<Operations['login']['answer']>> {
    return this.login({ mobile, verify_code: verifyCode });
  }

  /** Forgets the token and the user; the next call logs in again. */
  signOut(): void {
    this.wx.removeStorageSync(this.storageKey);
    this.wx.removeStorageSync(`${this.storageKey}.user`);
  }

  /** Hands `sdk_config` to `wx.requestPayment` as it is. */
  requestPayment(sdkConfig: SdkConfig): Promise<PaymentOutcome> {
    return new Promise((resolve) => {
      this.wx.requestPayment({
        ...sdkConfig,
        signType: sdkConfig.signType,
        success: () => resolve({ kind: 'paid' }),
        fail: (error) => resolve(/cancel/.test(error.errMsg) ? { kind: 'cancelled' } : { kind: 'failed', message: error.errMsg }),
      });
    });
  }

  /**
   * Buys and, for goods of this mini program's oper, pays at once. Goods of another oper are
   * paid in that oper's mini program: `payment` is absent, and {@link bridge} gives the page to open.
   */
  async buy(params: Operations['orderBuy']['params']): Promise<Result<Operations['orderBuy']['answer'] & { payment?: PaymentOutcome }>> {
    const bought = await this.orderBuy(params);
    if (bought.kind !== 'ok' || !bought.data.sdk_config) return bought;
    return { kind: 'ok', data: { ...bought.data, payment: await this.requestPayment(bought.data.sdk_config) } };
  }

  /** Pays an unpaid order of this mini program's oper again (`/order/pay`, then `wx.requestPayment`). */
  async pay(orderNo: string): Promise<Result<{ order_no: string; payment: PaymentOutcome }>> {
    const config = await this.orderPay({ order_no: orderNo });
    if (config.kind !== 'ok') return config;
    return { kind: 'ok', data: { order_no: orderNo, payment: await this.requestPayment(config.data.sdk_config) } };
  }

  /** The bridge page for the caller's unpaid order of another oper (`POST /order/bridge`): open `url` in a web-view. */
  bridge(orderNo: string, page?: string): Promise<Result<BridgeLink>> {
    return this.send<BridgeLink>({ method: 'POST', path: '/order/bridge', token: true }, { order_no: orderNo, page });
  }

  /**
   * The other side of the bridge: the target mini program opened with `scene` (from `onLoad`'s
   * `options.scene`, URI-decoded) logs in with it and pays the order.
   */
  async payScannedOrder(sceneId: string): Promise<Result<{ order_no: string; payment: PaymentOutcome }>> {
    const scene = await this.loginWithSceneId({ sceneId });
    if (scene.kind !== 'ok') return scene;
    return this.pay(scene.data.payload.order_no);
  }

  protected call: Call = (name, params) => this.send(OPERATIONS[name], params);

  private async send<T>(route: Route, params: object): Promise<Result<T>> {
    if (!route.token) return this.remember(route, await this.request<T>(route, params, null));
    let token = this.storedToken();
    if (token === null) {
      const signedIn = await this.signIn(null);
      if (signedIn.kind !== 'ok') return signedIn;
      token = signedIn.data;
    }
    let answer = await this.request<T>(route, params, token);
    if (answer.kind === 'error' && RELOGIN_CODES.has(answer.code)) {
      const signedIn = await this.signIn(token);
      if (signedIn.kind !== 'ok') return signedIn;
      answer = await this.request<T>(route, params, signedIn.data);
    }
    return this.remember(route, answer);
  }

  /**
   * A token that is not `stale`: the one another call already brought, else the one of the login
   * in flight, else a new login (`wx.login`, `/wxLogin`). So concurrent calls log in once.
   */
  private signIn(stale: string | null): Promise<Result<string>> {
    const current = this.storedToken();
    if (current !== null && current !== stale) return Promise.resolve({ kind: 'ok', data: current });
    if (this.signingIn) return this.signingIn;
    const flight = this.wxLogin_();
    const done = () => {
      if (this.signingIn === flight) this.signingIn = null;
    };
    flight.then(done, done);
    this.signingIn = flight;
    return flight;
  }

  private async wxLogin_(): Promise<Result<string>> {
    const code = await new Promise<Result<string>>((resolve) => {
      this.wx.login({
        success: (result) => resolve({ kind: 'ok', data: result.code }),
        fail: (error) => resolve({ kind: 'network', message: error.errMsg }),
      });
    });
    if (code.kind !== 'ok') return code;
    const answer = await this.send<Operations['wxLogin']['answer']>(OPERATIONS.wxLogin, { code: code.data });
    return answer.kind === 'ok' ? { kind: 'ok', data: answer.data.token } : answer;
  }

  /** Keeps what logins answer: the token of `/wxLogin`, the user of `/wxLogin` and `/login`. */
  private remember<T>(route: Route, answer: Result<T>): Result<T> {
    if (answer.kind !== 'ok') return answer;
    const data = answer.data as { token?: unknown; userInfo?: unknown };
    if (route.path === OPERATIONS.wxLogin.path && typeof data.token === 'string') {
      this.wx.setStorageSync(this.storageKey, data.token);
      this.wx.setStorageSync(`${this.storageKey}.user`, data.userInfo ?? '');
    } else if (route.path === OPERATIONS.login.path && data.userInfo) {
      this.wx.setStorageSync(`${this.storageKey}.user`, data.userInfo);
    }
    return answer;
  }

  private storedToken(): string | null {
    const token = this.wx.getStorageSync(this.storageKey);
    return typeof token === 'string' && token !== '' ? token : null;
  }

  private request<T>(route: Route, params: object, token: string | null): Promise<Result<T>> {
    const data: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== null) data[name] = value;
    return new Promise((resolve) => {
      this.wx.request({
        url: `${this.baseUrl}${API_PREFIX}${route.path}`,
        method: route.method,
        data,
        header: { 'content-type': 'application/json', ...(token === null ? {} : { Authorization: `Bearer ${token}` }) },
        dataType: 'json',
        success: (result) => resolve(resultOf<T>(result.statusCode, result.data)),
        fail: (error) => resolve({ kind: 'network', message: error.errMsg }),
      });
    });
  }
}

/** An answer as a {@link Result}: the envelope's code decides. */
function resultOf<T>(status: number, body: unknown): Result<T> {
  if (!body || typeof body !== 'object' || typeof (body as { code?: unknown }).code !== 'number') {
    return { kind: 'network', message: `HTTP ${status}: not an API answer` };
  }
  const { code, message, data } = body as { code: number; message: string; data?: Record<string, unknown> };
  if (code === 0) return { kind: 'ok', data: (data ?? {}) as T };
  if (code === 10003) return { kind: 'bind-phone', code, message };
  return data === undefined ? { kind: 'error', code, message } : { kind: 'error', code, message, data };
}
