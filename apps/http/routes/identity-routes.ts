import { Router } from '@koa/router';
import { type BindMobile, type LoginWithScene, Mobile, type SendVerifyCode, type WxLogin } from '../../../core/index.js';
import { type EdgeKit, apiHandler } from '../edge/api-handler.js';
import { ANSWERS } from '../openapi/answers.js';
import { ParamSchema } from '../edge/validation.js';

export interface IdentityRouteDeps {
  readonly kit: EdgeKit;
  readonly wxLogin: WxLogin;
  readonly sendVerifyCode: SendVerifyCode;
  readonly bindMobile: BindMobile;
  readonly loginWithScene: LoginWithScene;
  /** Outside production the SMS code is also returned in `data.verify_code`. */
  readonly exposeVerifyCode: boolean;
}

const MOBILE = { type: 'string', pattern: Mobile.pattern.source } as const;

const wxLoginParams = new ParamSchema<{ code: string }>({
  type: 'object',
  properties: { code: { type: 'string', minLength: 1, maxLength: 128 } },
  required: ['code'],
});

const verifyCodeParams = new ParamSchema<{ mobile: string }>({
  type: 'object',
  properties: { mobile: MOBILE },
  required: ['mobile'],
});

const loginParams = new ParamSchema<{ mobile: string; verify_code: string }>({
  type: 'object',
  properties: { mobile: MOBILE, verify_code: { type: 'string', pattern: '^\\d{6}$' } },
  required: ['mobile', 'verify_code'],
});

const sceneParams = new ParamSchema<{ sceneId: string }>({
  type: 'object',
  properties: { sceneId: { type: 'string', minLength: 1, maxLength: 64 } },
  required: ['sceneId'],
});

/** `/wxLogin`, `/sms/verify_code`, `/login`: the two steps of the seed's login; `/loginWithSceneId`. */
export function identityRoutes(deps: IdentityRouteDeps): Router {
  const { kit } = deps;
  return new Router()
    .post(
      '/wxLogin',
      apiHandler(kit, 'public', { params: wxLoginParams, answer: ANSWERS.wxLogin, summary: '微信登录: wx.login 的 code 换 token' }, async ({ params, appid }) => {
        const result = await deps.wxLogin.execute({ appid, code: params.code });
        return { ...result };
      }),
    )
    .post(
      '/sms/verify_code',
      apiHandler(kit, 'token', { params: verifyCodeParams, answer: ANSWERS.sendVerifyCode, summary: '发送短信验证码' }, async ({ params, ip, caller }) => {
        const { code } = await deps.sendVerifyCode.execute({ mobile: params.mobile, ip, requester: caller.tokenHash ?? null });
        return deps.exposeVerifyCode ? { verify_code: code } : {};
      }),
    )
    .post(
      '/login',
      apiHandler(kit, 'token', { params: loginParams, answer: ANSWERS.login, summary: '登录 (绑定手机号)' }, async ({ params, caller }) => {
        const result = await deps.bindMobile.execute({ caller, mobile: params.mobile, verifyCode: params.verify_code });
        return { ...result };
      }),
    )
    .post(
      '/loginWithSceneId',
      apiHandler(kit, 'token', { params: sceneParams, answer: ANSWERS.loginWithSceneId, summary: '使用场景ID快捷登录 (跳转到另一运营中心的小程序后)' }, async ({ params, caller }) => ({
        ...(await deps.loginWithScene.execute({ caller, sceneId: params.sceneId })),
      })),
    );
}
