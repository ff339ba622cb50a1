import type { Middleware } from 'koa';
import { HttpMethodEnum, koaBody } from 'koa-body';
import { DomainError } from '../../../core/index.js';

/**
 * JSON and form bodies (what `wx.request` sends), up to `limitBytes`. A body that cannot be read
 * (malformed JSON, too large, bad encoding) is the client's fault: 10001, never a bare 400.
 */
export function bodyParser(limitBytes: number): Middleware {
  const parse = koaBody({
    json: true,
    urlencoded: true,
    text: false,
    multipart: false,
    jsonStrict: true,
    jsonLimit: limitBytes,
    formLimit: limitBytes,
    parsedMethods: [HttpMethodEnum.POST, HttpMethodEnum.PUT, HttpMethodEnum.PATCH],
    onError: (error) => {
      const status = (error as { status?: number }).status;
      const reason = status === 413 ? '请求体过大' : status === 415 ? '编码不受支持' : '请求体不是合法的 JSON 或表单';
      throw new DomainError(10001, `参数不合法: body ${reason}`);
    },
  });
  return parse;
}
