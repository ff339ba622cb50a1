import type { Router } from '@koa/router';
import { tokenPrefix } from '../access-tokens.js';
import type { StableTokenCall } from '../call-log.js';
import type { SandboxLogger } from '../sandbox-logger.js';
import type { SandboxState } from '../sandbox-state.js';
import { decideStableToken } from '../stable-token-rules.js';
import { readJsonFields } from '../wechat-body.js';
import { WECHAT_ERRORS, recordedErrorBody, wechatErrorBody } from '../wechat-errors.js';

/** What the `cgi-bin` routes need from the sandbox. */
export interface CgiBinRouteDeps {
  readonly state: SandboxState;
  readonly secretOf: (appid: string) => string | undefined;
  readonly logger: SandboxLogger;
}

/**
 * Registers WeChat's `cgi-bin` family: `POST /cgi-bin/stable_token` (getStableAccessToken),
 * a JSON body `{grant_type: 'client_credential', appid, secret, force_refresh?}` answered with
 * HTTP 200 JSON `{access_token, expires_in}` or `{errcode, errmsg}` (see `decideStableToken`
 * and `AccessTokens` for the rules). A GET answers 43002 require POST method.
 */
export function registerCgiBinRoutes(router: Router, deps: CgiBinRouteDeps): void {
  router.post('/cgi-bin/stable_token', async (ctx) => {
    const body = await readJsonFields(ctx.req);
    const fields = 'fields' in body ? body.fields : {};
    const decision = 'fields' in body ? decideStableToken(body.fields, deps.secretOf) : { kind: 'error' as const, error: body.error };
    const appid = typeof fields['appid'] === 'string' ? fields['appid'] : null;
    const record = (outcome: StableTokenCall['outcome']): void => {
      deps.state.calls.record({ api: 'stable-token', appid, force_refresh: fields['force_refresh'] === true, outcome });
    };
    if (decision.kind === 'error') {
      ctx.body = recordedErrorBody(decision.error, record);
      deps.logger.info(`stable_token appid=${appid ?? '-'} → errcode ${decision.error.errcode}`);
      return;
    }
    const grant = deps.state.tokens.stable(decision.appid, decision.forceRefresh);
    record({ result: 'token', token_prefix: tokenPrefix(grant.access_token), expires_in: grant.expires_in, issued: grant.issued });
    ctx.body = { access_token: grant.access_token, expires_in: grant.expires_in };
    deps.logger.info(`stable_token appid=${appid} → ${grant.issued ? 'new token' : 'current token'}, expires_in ${grant.expires_in}`);
  });

  router.get('/cgi-bin/stable_token', (ctx) => {
    ctx.body = wechatErrorBody(WECHAT_ERRORS.requirePost);
  });
}
