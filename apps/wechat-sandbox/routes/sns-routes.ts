import { randomBytes } from 'node:crypto';
import type { Context } from 'koa';
import type { Router } from '@koa/router';
import type { Jscode2SessionOutcome } from '../call-log.js';
import { decideCode2Session, type Code2SessionDecision } from '../code2session-rules.js';
import { sandboxOpenId } from '../demo-apps.js';
import { firstValues } from '../query-params.js';
import type { SandboxLogger } from '../sandbox-logger.js';
import type { SandboxState } from '../sandbox-state.js';
import { WECHAT_ERRORS, wechatErrorBody } from '../wechat-errors.js';

/** What the `sns` routes need from the sandbox. */
export interface SnsRouteDeps {
  readonly state: SandboxState;
  readonly secretOf: (appid: string) => string | undefined;
  readonly logger: SandboxLogger;
  /** How long `fault-timeout` holds its answer, in milliseconds. */
  readonly holdMs: number;
}

const QUERY_NAMES = ['appid', 'secret', 'js_code', 'grant_type'] as const;
const LOGGED_CODE_MAX = 256;

/**
 * Registers WeChat's `sns` family: `GET /sns/jscode2session` (code2Session), answering as WeChat
 * does: HTTP 200 with a JSON text body (`Content-Type: text/plain`), `{session_key, openid}` or
 * `{errcode, errmsg}`. The session_key is random per call; the openid is `sandboxOpenId`.
 */
export function registerSnsRoutes(router: Router, deps: SnsRouteDeps): void {
  router.get('/sns/jscode2session', async (ctx) => {
    const query = firstValues(ctx.query, QUERY_NAMES);
    const decision = decideCode2Session(query, deps.secretOf);
    const record = (outcome: Jscode2SessionOutcome): number =>
      deps.state.calls.record({
        api: 'jscode2session',
        appid: query.appid ?? null,
        code: query.js_code?.slice(0, LOGGED_CODE_MAX) ?? null,
        outcome,
      });
    const outcome = await answer(ctx, decision, deps, record);
    deps.logger.info(`jscode2session appid=${query.appid ?? '-'} → ${describe(outcome)}`);
  });
}

async function answer(
  ctx: Context,
  decision: Code2SessionDecision,
  deps: SnsRouteDeps,
  record: (outcome: Jscode2SessionOutcome) => number,
): Promise<Jscode2SessionOutcome> {
  const done = (outcome: Jscode2SessionOutcome): Jscode2SessionOutcome => {
    record(outcome);
    return outcome;
  };
  switch (decision.kind) {
    case 'session': {
      const openid = sandboxOpenId(decision.appid, decision.code);
      const sessionKey = randomBytes(16).toString('base64');
      sendPlainJson(ctx, 200, { session_key: sessionKey, openid });
      return done({ result: 'session', openid });
    }
    case 'error': {
      const body = wechatErrorBody(decision.error);
      sendPlainJson(ctx, 200, body);
      return done({ result: 'errcode', ...body });
    }
    case 'http-500':
      ctx.status = 500;
      ctx.type = 'text/html';
      ctx.body = '<html><body><h1>500 Internal Server Error</h1></body></html>';
      return done({ result: 'http-500' });
    case 'garbage':
      ctx.status = 200;
      ctx.type = 'text/plain';
      ctx.body = '{"session_key":"sandbox-garbage","openid":';
      return done({ result: 'garbage' });
    case 'hold':
      return holdAnswer(ctx, deps, record);
  }
}

async function holdAnswer(
  ctx: Context,
  deps: SnsRouteDeps,
  record: (outcome: Jscode2SessionOutcome) => number,
): Promise<Jscode2SessionOutcome> {
  const seq = record({ result: 'holding' });
  const releasedBy = await deps.state.held.hold(ctx.res, deps.holdMs);
  const outcome: Jscode2SessionOutcome = { result: 'held', releasedBy };
  deps.state.calls.update(seq, outcome);
  if (releasedBy === 'elapsed') {
    sendPlainJson(ctx, 200, wechatErrorBody(WECHAT_ERRORS.systemError));
  } else {
    ctx.respond = false;
    ctx.req.socket.destroy();
  }
  return outcome;
}

function sendPlainJson(ctx: Context, status: number, body: object): void {
  ctx.status = status;
  ctx.type = 'text/plain';
  ctx.body = JSON.stringify(body);
}

function describe(outcome: Jscode2SessionOutcome): string {
  switch (outcome.result) {
    case 'session': return `openid ${outcome.openid}`;
    case 'errcode': return `errcode ${outcome.errcode}`;
    case 'held': return `held, released by ${outcome.releasedBy}`;
    default: return outcome.result;
  }
}
