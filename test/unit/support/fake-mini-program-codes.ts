import { DomainError, type MiniProgramCodes, type Oper, type UnlimitedCodeRequest } from '../../../core/index.js';

/** The first bytes of every PNG, then a marker: what the fake answers for every code. */
export const FAKE_PNG: Uint8Array = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x42, 0x52, 0x49, 0x44, 0x47, 0x45]);

export interface MiniProgramCodeCall {
  readonly operId: number;
  readonly appid: string;
  readonly scene: string;
  readonly page: string;
}

/**
 * WeChat's `getwxacodeunlimit` played in memory: records every call (failed ones too), yields to
 * the event loop as a remote call does, and answers a copy of {@link FAKE_PNG}; with `failing`
 * set it throws DomainError 70012 as the port says WeChat failures do.
 */
export class FakeMiniProgramCodes implements MiniProgramCodes {
  readonly calls: MiniProgramCodeCall[] = [];
  failing = false;

  async unlimited(oper: Oper, request: UnlimitedCodeRequest): Promise<Uint8Array> {
    this.calls.push({ operId: oper.id, appid: oper.miniProgram.appid, scene: request.scene, page: request.page });
    await new Promise((resolve) => setImmediate(resolve));
    if (this.failing) throw new DomainError(70012, '微信接口调用失败: getwxacodeunlimit errcode 45009');
    return Uint8Array.from(FAKE_PNG);
  }
}
