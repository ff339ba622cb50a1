import { describeOperRepositoryContract } from './oper-repository-contract.js';
import type { MakeRepositoryContext } from './repository-context.js';
import { describeSessionRepositoryContract } from './session-repository-contract.js';
import { describeUnitOfWorkContract } from './unit-of-work-contract.js';
import { describeUserRepositoryContract } from './user-repository-contract.js';
import { describeVerifyCodeRepositoryContract } from './verify-code-repository-contract.js';
import { describeWechatIdentityRepositoryContract } from './wechat-identity-repository-contract.js';

/** Every repository contract suite, plus UnitOfWork and Locks, against one adapter. */
export function describeRepositoryContracts(adapterName: string, makeContext: MakeRepositoryContext): void {
  describeOperRepositoryContract(adapterName, makeContext);
  describeUserRepositoryContract(adapterName, makeContext);
  describeWechatIdentityRepositoryContract(adapterName, makeContext);
  describeSessionRepositoryContract(adapterName, makeContext);
  describeVerifyCodeRepositoryContract(adapterName, makeContext);
  describeUnitOfWorkContract(adapterName, makeContext);
}
