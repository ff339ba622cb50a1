import type { Router } from '@koa/router';
import { RECORDED_APIS, type RecordedApi } from '../call-log.js';
import { firstValues } from '../query-params.js';
import type { SandboxState } from '../sandbox-state.js';

/**
 * Registers the sandbox's own controls (not WeChat's API):
 * - `GET /calls?api=jscode2session`: the recorded calls newest first as a JSON array (all APIs
 *   when `api` is absent; 400 for an API the sandbox does not record);
 * - `GET /wxacodes`: the mini-program codes made, newest first, as a JSON array of
 *   `{appid, scene, page, env_version, width, created_at}` (`page` null for the home page).
 */
export function registerControlRoutes(router: Router, state: SandboxState): void {
  router.get('/calls', (ctx) => {
    const { api } = firstValues(ctx.query, ['api'] as const);
    if (api !== undefined && !isRecordedApi(api)) {
      ctx.status = 400;
      ctx.body = { errcode: 400, errmsg: `unknown api "${api}"; known: ${RECORDED_APIS.join(', ')}` };
      return;
    }
    ctx.body = state.calls.list(api);
  });

  router.get('/wxacodes', (ctx) => {
    ctx.body = state.wxacodes.list();
  });
}

function isRecordedApi(name: string): name is RecordedApi {
  return (RECORDED_APIS as readonly string[]).includes(name);
}
