import { describeAreaRepositoryContract } from './area-repository-contract.js';
import { describeCategoryRepositoryContract } from './category-repository-contract.js';
import { describeGrantAndTicketContracts } from './grant-and-ticket-contract.js';
import { describeGoodsRepositoryContract } from './goods-repository-contract.js';
import { describeGoodsStockContract } from './goods-stock-contract.js';
import { describeMerchantRepositoryContract } from './merchant-repository-contract.js';
import { describeOperRepositoryContract } from './oper-repository-contract.js';
import { describeOrderRepositoryContract } from './order-repository-contract.js';
import { describePurchaseNoticeRepositoryContract } from './purchase-notice-repository-contract.js';
import { describeRefundRepositoryContract } from './refund-repository-contract.js';
import type { MakeRepositoryContext } from './repository-context.js';
import { describeSceneRepositoryContract } from './scene-repository-contract.js';
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
  describeAreaRepositoryContract(adapterName, makeContext);
  describeCategoryRepositoryContract(adapterName, makeContext);
  describeMerchantRepositoryContract(adapterName, makeContext);
  describeGoodsRepositoryContract(adapterName, makeContext);
  describeGoodsStockContract(adapterName, makeContext);
  describeOrderRepositoryContract(adapterName, makeContext);
  describeRefundRepositoryContract(adapterName, makeContext);
  describeSceneRepositoryContract(adapterName, makeContext);
  describeGrantAndTicketContracts(adapterName, makeContext);
  describePurchaseNoticeRepositoryContract(adapterName, makeContext);
}
