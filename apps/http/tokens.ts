import type { ServiceIdentifier } from 'inversify';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type {
  Authenticate,
  BindMobile,
  Clock,
  Random,
  Repositories,
  SecretHasher,
  SendVerifyCode,
  SmsSender,
  UnitOfWork,
  WechatAuth,
  WxLogin,
} from '../../core/index.js';
import type { SecretBox } from '../../adapters/crypto/secret-box.js';
import type { AppConfig } from './config.js';

const id = <T>(name: string) => Symbol.for(`o2o.${name}`) as ServiceIdentifier<T>;

/** Every binding of the composition root, typed; the only table of service identifiers. */
export const TOKENS = {
  Config: id<AppConfig>('Config'),
  Logger: id<Logger>('Logger'),
  Database: id<Knex>('Database'),
  WechatApiBaseUrl: id<string>('WechatApiBaseUrl'),
  Clock: id<Clock>('Clock'),
  Random: id<Random>('Random'),
  SecretHasher: id<SecretHasher>('SecretHasher'),
  SecretBox: id<SecretBox>('SecretBox'),
  Repositories: id<Repositories>('Repositories'),
  UnitOfWork: id<UnitOfWork>('UnitOfWork'),
  WechatAuth: id<WechatAuth>('WechatAuth'),
  SmsSender: id<SmsSender>('SmsSender'),
  Authenticate: id<Authenticate>('Authenticate'),
  WxLogin: id<WxLogin>('WxLogin'),
  SendVerifyCode: id<SendVerifyCode>('SendVerifyCode'),
  BindMobile: id<BindMobile>('BindMobile'),
} as const;
