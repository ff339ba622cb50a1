import type { Container } from 'inversify';
import type { Logger } from 'pino';
import {
  type Authenticate,
  type Clock,
  CreateBridgeScene,
  LoginWithScene,
  type MiniProgramCodes,
  type Random,
  type Repositories,
  type UnitOfWork,
} from '../../core/index.js';
import type { SecretBox } from '../../adapters/crypto/secret-box.js';
import { HttpMiniProgramCodes } from '../../adapters/wechat/http-mini-program-codes.js';
import { StableAccessTokens } from '../../adapters/wechat/stable-access-tokens.js';
import type { AppConfig } from './config.js';
import { TOKENS as T } from './tokens.js';

/** The bridge's part of the composition root: mini-program codes and the scene login. */
export function bindBridge(c: Container, config: AppConfig): void {
  c.bind(T.MiniProgramCodes).toResolvedValue(
    (baseUrl: string, secrets: SecretBox, logger: Logger): MiniProgramCodes => {
      const timeoutMs = config.wechatTimeoutMs;
      const tokens = new StableAccessTokens({ baseUrl, timeoutMs, secrets, logger });
      return new HttpMiniProgramCodes({
        baseUrl,
        timeoutMs,
        tokens,
        logger,
        envVersion: config.codeEnvVersion,
        checkPath: config.codeEnvVersion === 'release',
      });
    },
    [T.WechatApiBaseUrl, T.SecretBox, T.Logger],
  );
  c.bind(T.CreateBridgeScene).toResolvedValue(
    (repos: Repositories, authenticate: Authenticate, codes: MiniProgramCodes, random: Random, clock: Clock) =>
      new CreateBridgeScene(repos, authenticate, codes, random, clock, config.payTimeoutMs),
    [T.Repositories, T.Authenticate, T.MiniProgramCodes, T.Random, T.Clock],
  );
  c.bind(T.LoginWithScene).toResolvedValue((uow: UnitOfWork, clock: Clock) => new LoginWithScene(uow, clock), [T.UnitOfWork, T.Clock]);
}
