import { DomainError, type MiniProgramCodes, type Oper, type UnlimitedCodeRequest } from '../../../core/index.js';

/** The first bytes of every PNG, then a marker: what the fake answers for every code. */
export const FAKE_PNG: Uint8Array = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x42, 0x52, 0x49, 0x44, 0x47, 0x45]);

export interface MiniProgramCodeCall {
  readonly operId: number;
  readonly appid: string;
  readonly scene: string;
  readonly page: string;
}

/** WeChat's rule for a scene: 1 to 32 of these characters. */
const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

/**
 * WeChat's `getwxacodeunlimit` played in memory: records every call (failed ones too), yields to
 * the event loop as a remote call does, refuses a scene WeChat refuses (DomainError 70012, as
 * its errcodes 40169 and 40129 are), and answers a copy of {@link FAKE_PNG}, recording the code
 * in `made`; with `failing` set it throws DomainError 70012 as the port says WeChat failures do.
 */
export class FakeMiniProgramCodes implements MiniProgramCodes {
  readonly calls: MiniProgramCodeCall[] = [];
  /** The codes WeChat made, oldest first. */
  readonly made: MiniProgramCodeCall[] = [];
  failing = false;

  async unlimited(oper: Oper, request: UnlimitedCodeRequest): Promise<Uint8Array> {
    const call = { operId: oper.id, appid: oper.miniProgram.appid, scene: request.scene, page: request.page };
    this.calls.push(call);
    await new Promise((resolve) => setImmediate(resolve));
    if (this.failing) throw new DomainError(70012, '微信接口调用失败: getwxacodeunlimit errcode 45009');
    if (!SCENE.test(request.scene)) throw new DomainError(70012, '微信接口调用失败: getwxacodeunlimit errcode 40169');
    this.made.push(call);
    return Uint8Array.from(FAKE_PNG);
  }
}
