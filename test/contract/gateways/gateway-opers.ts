import { type Oper, OperStatus, type WechatPayConfig } from '../../../core/index.js';

/** An enabled oper with this mini program (and WeChat Pay account, if any), for the gateway suites. */
export function gatewayOper(id: number, appid: string, sealedSecret: string, pay: WechatPayConfig | null = null): Oper {
  return { id, name: `运营中心${id}`, status: OperStatus.Enabled, miniProgram: { appid, sealedSecret }, pay };
}
