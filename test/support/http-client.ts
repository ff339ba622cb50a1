import { AnswerChecker } from './answer-checker.js';

/** A small client for the API over a real socket, shaped like what `wx.request` sends. */
export interface ApiAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: { code: number; message: string; data?: Record<string, any> };
}

export const APP1 = 'wx0000000000000001';
export const APP2 = 'wx0000000000000002';

/** The Referer WeChat sets on requests from a mini program. */
export function fromMiniProgram(appid: string): Record<string, string> {
  return { Referer: `https://servicewechat.com/${appid}/0/page-frame.html` };
}

/**
 * Every answer it receives under `/api/user` is checked against the API document the server
 * serves at `/openapi.json` (the route's documented answer, or a failure envelope): an answer
 * that does not match fails the test that asked for it.
 */
export class ApiClient {
  #checker: Promise<AnswerChecker> | null = null;

  /** `checkAnswers: false` for an app that serves no API document (a bare app of probe routes). */
  constructor(
    readonly baseUrl: string,
    private readonly options: { readonly checkAnswers: boolean } = { checkAnswers: true },
  ) {}

  async post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer> {
    return this.send('POST', path, JSON.stringify(body), { 'Content-Type': 'application/json', ...headers });
  }

  async postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<ApiAnswer> {
    const body = new URLSearchParams(fields).toString();
    return this.send('POST', path, body, { 'Content-Type': 'application/x-www-form-urlencoded', ...headers });
  }

  async postRaw(path: string, body: string, contentType: string, headers: Record<string, string> = {}): Promise<ApiAnswer> {
    return this.send('POST', path, body, { 'Content-Type': contentType, ...headers });
  }

  async get(path: string, query: Record<string, string> = {}, headers: Record<string, string> = {}): Promise<ApiAnswer> {
    const qs = new URLSearchParams(query).toString();
    return this.send('GET', qs ? `${path}?${qs}` : path, undefined, headers);
  }

  /** `/wxLogin` in a mini program; returns the token (and the whole answer). */
  async wxLogin(appid: string, code: string): Promise<{ token: string; answer: ApiAnswer }> {
    const answer = await this.post('/api/user/wxLogin', { code }, fromMiniProgram(appid));
    if (answer.body.code !== 0) throw new Error(`wxLogin failed: ${JSON.stringify(answer.body)}`);
    return { token: String(answer.body.data?.['token']), answer };
  }

  private async send(method: string, path: string, body: string | undefined, headers: Record<string, string>): Promise<ApiAnswer> {
    const response = await fetch(`${this.baseUrl}${path}`, { method, body, headers });
    const text = await response.text();
    let parsed: ApiAnswer['body'];
    try {
      parsed = JSON.parse(text) as ApiAnswer['body'];
    } catch {
      throw new Error(`not JSON (${response.status}): ${text.slice(0, 200)}`);
    }
    await this.check(method, path, parsed);
    return { status: response.status, headers: response.headers, body: parsed };
  }

  private async servedDocument(): Promise<AnswerChecker> {
    const response = await fetch(`${this.baseUrl}/openapi.json`);
    if (response.status !== 200) throw new Error(`no API document to check answers against: /openapi.json answered ${response.status}`);
    return new AnswerChecker((await response.json()) as ConstructorParameters<typeof AnswerChecker>[0]);
  }

  private async check(method: string, pathAndQuery: string, body: unknown): Promise<void> {
    const path = pathAndQuery.split('?')[0]!;
    if (!this.options.checkAnswers || !path.startsWith('/api/user')) return;
    this.#checker ??= this.servedDocument().catch((error: unknown) => {
      this.#checker = null; // e.g. an instance still starting (503): ask again next time
      throw error;
    });
    const problems = (await this.#checker).problems({ method, path, body });
    if (problems && problems.length > 0) {
      throw new Error(`the answer of ${method} ${path} does not match the API document: ${problems.join('; ')}\n${JSON.stringify(body).slice(0, 500)}`);
    }
  }
}
