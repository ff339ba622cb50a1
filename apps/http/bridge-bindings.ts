import type { Container } from 'inversify';
import type { Logger } from 'pino';
import {
  type Clock,
  CreateBridgeScene,
  LoginWithScene,
  type MiniProgramCodes,
  MintBridgeTicket,
  type Random,
  type Repositories,
  type SecretHasher,
  type UnitOfWork,
} from '../../core/index.js';
import type { SecretBox } from '../../adapters/crypto/secret-box.js';
import { HttpMiniProgramCodes } from '../../adapters/wechat/http-mini-program-codes.js';
import { StableAccessTokens } from '../../adapters/wechat/stable-access-tokens.js';
import type { AppConfig } from './config.js';
import { TOKENS as T } from './tokens.js';

/** The bridge's part of the composition root: tickets, mini-program codes and the scene login. */
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
  c.bind(T.MintBridgeTicket).toResolvedValue(
    (repos: Repositories, random: Random, hasher: SecretHasher, clock: Clock) =>
      new MintBridgeTicket(repos, random, hasher, clock, config.payTimeoutMs),
    [T.Repositories, T.Random, T.SecretHasher, T.Clock],
  );
  c.bind(T.CreateBridgeScene).toResolvedValue(
    (repos: Repositories, codes: MiniProgramCodes, random: Random, hasher: SecretHasher, clock: Clock) =>
      new CreateBridgeScene(repos, codes, random, hasher, clock, config.payTimeoutMs),
    [T.Repositories, T.MiniProgramCodes, T.Random, T.SecretHasher, T.Clock],
  );
  c.bind(T.LoginWithScene).toResolvedValue((uow: UnitOfWork, clock: Clock) => new LoginWithScene(uow, clock), [T.UnitOfWork, T.Clock]);
}
