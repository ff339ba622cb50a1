import type { Oper } from '../tenancy/oper.js';

export interface UnlimitedCodeRequest {
  /** What the mini program reads from `options.scene` in `onLoad`. */
  readonly scene: string;
  /** A published page, without a leading slash. */
  readonly page: string;
}

/**
 * WeChat's `getwxacodeunlimit` for an oper's mini program (its access token obtained and cached
 * by the adapter). Resolves to the PNG image; throws DomainError 70012 when WeChat fails.
 */
export interface MiniProgramCodes {
  unlimited(oper: Oper, request: UnlimitedCodeRequest): Promise<Uint8Array>;
}
