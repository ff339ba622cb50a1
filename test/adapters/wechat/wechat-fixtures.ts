import type { Oper } from '../../../core/tenancy/oper.js';
import { OperStatus } from '../../../core/tenancy/oper.js';

export function operWith(appid: string, sealedSecret: string): Oper {
  return {
    id: 1,
    name: '测试运营中心',
    status: OperStatus.Enabled,
    miniProgram: { appid, sealedSecret },
    pay: null,
  };
}
