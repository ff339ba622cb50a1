import type { Context } from 'koa';
import type { Router } from '@koa/router';
import { tokenPrefix } from '../access-tokens.js';
import type { WxacodeCall } from '../call-log.js';
import { firstValues } from '../query-params.js';
import type { SandboxLogger } from '../sandbox-logger.js';
import type { SandboxState } from '../sandbox-state.js';
import { readJsonFields } from '../wechat-body.js';
import { WECHAT_ERRORS, recordedErrorBody, wechatErrorBody, type WechatError } from '../wechat-errors.js';
import { parseWxacodeRequest } from '../wxacode-request.js';
import { renderWxacode } from '../wxacodes.js';

/** What the `wxa` routes need from the sandbox. */
export interface WxaRouteDeps {
  readonly state: SandboxState;
  readonly logger: SandboxLogger;
}

const LOGGED_SCENE_MAX = 64;
const LOGGED_PAGE_MAX = 256;

/**
 * Registers WeChat's `wxa` family: `POST /wxa/getwxacodeunlimit?access_token=…`
 * (getUnlimitedQRCode). The token must be one the sandbox issued and still valid (41001 when
 * missing, 40001 unknown or replaced by a force refresh, 42001 expired); the JSON body is
 * checked by `parseWxacodeRequest`. Success is HTTP 200 with the PNG (`Content-Type:
 * image/png`), recorded in `state.wxacodes`; errors are HTTP 200 JSON `{errcode, errmsg}`.
 * A GET answers 43002 require POST method.
 */
export function registerWxaRoutes(router: Router, deps: WxaRouteDeps): void {
  router.post('/wxa/getwxacodeunlimit', async (ctx) => {
    const { access_token: token } = firstValues(ctx.query, ['access_token'] as const);
    const check = token ? deps.state.tokens.check(token) : undefined;
    const appid = check?.valid ? check.appid : null;
    let scene: string | null = null;
    let page: string | null = null;
    const record = (outcome: WxacodeCall['outcome']): void => {
      deps.state.calls.record({ api: 'wxacode', appid, token_prefix: token ? tokenPrefix(token) : null, scene, page, outcome });
    };
    const fail = (error: WechatError): void => {
      ctx.body = recordedErrorBody(error, record);
      deps.logger.info(`getwxacodeunlimit appid=${appid ?? '-'} → errcode ${error.errcode}`);
    };

    if (!token) return fail(WECHAT_ERRORS.accessTokenMissing);
    if (!check?.valid) return fail(check?.why === 'expired' ? WECHAT_ERRORS.accessTokenExpired : WECHAT_ERRORS.invalidCredential);
    const body = await readJsonFields(ctx.req);
    if ('error' in body) return fail(body.error);
    const { fields } = body;
    scene = typeof fields['scene'] === 'string' ? fields['scene'].slice(0, LOGGED_SCENE_MAX) : null;
    page = typeof fields['page'] === 'string' ? fields['page'].slice(0, LOGGED_PAGE_MAX) : null;
    const request = parseWxacodeRequest(fields);
    if ('errcode' in request) return fail(request);

    const png = await renderWxacode(check.appid, request);
    deps.state.wxacodes.record(check.appid, request);
    record({ result: 'image', width: request.width, bytes: png.length });
    sendPng(ctx, png);
    deps.logger.info(`getwxacodeunlimit appid=${check.appid} scene=${request.scene} → ${png.length} bytes`);
  });

  router.get('/wxa/getwxacodeunlimit', (ctx) => {
    ctx.body = wechatErrorBody(WECHAT_ERRORS.requirePost);
  });
}

function sendPng(ctx: Context, png: Buffer): void {
  ctx.status = 200;
  ctx.type = 'image/png';
  ctx.body = png;
}
