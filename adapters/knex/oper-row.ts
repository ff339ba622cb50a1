import type { Oper, OperStatus } from '../../core/index.js';

/** A row of `opers`. */
export interface OperRow {
  id: number;
  name: string;
  status: number;
  appid: string;
  app_secret_sealed: string;
  pay_mchid: string | null;
  pay_merchant_serial: string | null;
  pay_private_key_sealed: string | null;
  pay_api_v3_key_sealed: string | null;
  pay_platform_public_key: string | null;
  pay_platform_serial: string | null;
  created_at: number;
  updated_at: number;
}

/** An oper's row; WeChat Pay counts as configured only when every pay_* column is filled. */
export function operFromRow(row: OperRow): Oper {
  const {
    pay_mchid: mchid,
    pay_merchant_serial: merchantSerial,
    pay_private_key_sealed: sealedPrivateKey,
    pay_api_v3_key_sealed: sealedApiV3Key,
    pay_platform_public_key: platformPublicKey,
    pay_platform_serial: platformSerial,
  } = row;
  const pay =
    mchid && merchantSerial && sealedPrivateKey && sealedApiV3Key && platformPublicKey && platformSerial
      ? { mchid, merchantSerial, sealedPrivateKey, sealedApiV3Key, platformPublicKey, platformSerial }
      : null;
  return {
    id: Number(row.id),
    name: row.name,
    status: Number(row.status) as OperStatus,
    miniProgram: { appid: row.appid, sealedSecret: row.app_secret_sealed },
    pay,
  };
}

/** The columns of an oper, all but id and times. */
export function operColumns(oper: Omit<Oper, 'id'>): Omit<OperRow, 'id' | 'created_at' | 'updated_at'> {
  const { pay } = oper;
  return {
    name: oper.name,
    status: oper.status,
    appid: oper.miniProgram.appid,
    app_secret_sealed: oper.miniProgram.sealedSecret,
    pay_mchid: pay?.mchid ?? null,
    pay_merchant_serial: pay?.merchantSerial ?? null,
    pay_private_key_sealed: pay?.sealedPrivateKey ?? null,
    pay_api_v3_key_sealed: pay?.sealedApiV3Key ?? null,
    pay_platform_public_key: pay?.platformPublicKey ?? null,
    pay_platform_serial: pay?.platformSerial ?? null,
  };
}
