import type { OperationObject } from 'openapi3-ts/oas31';
import { bridgePageParams } from '../bridge/bridge-routes.js';
import { asSchema, queryParameters } from './parameters.js';

const FAIL = {
  description: '未处理, 微信支付会重试: `{code: "FAIL", message}`',
  content: {
    'application/json': {
      schema: asSchema({ type: 'object', properties: { code: { const: 'FAIL' }, message: { type: 'string' } }, required: ['code', 'message'] }),
    },
  },
};

/** WeChat Pay API v3's notification envelope; `resource` is AEAD_AES_256_GCM under the API v3 key. */
const NOTIFICATION = asSchema({
  type: 'object',
  properties: {
    id: { type: 'string' },
    create_time: { type: 'string' },
    event_type: { type: 'string', examples: ['TRANSACTION.SUCCESS', 'REFUND.SUCCESS', 'REFUND.ABNORMAL', 'REFUND.CLOSED'] },
    resource_type: { const: 'encrypt-resource' },
    summary: { type: 'string' },
    resource: {
      type: 'object',
      properties: {
        algorithm: { const: 'AEAD_AES_256_GCM' },
        ciphertext: { type: 'string' },
        associated_data: { type: 'string' },
        original_type: { type: 'string' },
        nonce: { type: 'string' },
      },
      required: ['algorithm', 'ciphertext', 'nonce'],
    },
  },
  required: ['id', 'event_type', 'resource'],
});

function notification(summary: string, description: string): OperationObject {
  return {
    tags: ['wechat-pay'],
    summary,
    description,
    security: [],
    parameters: [
      { name: 'operId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 }, description: '收款运营中心ID' },
      ...['Wechatpay-Signature', 'Wechatpay-Timestamp', 'Wechatpay-Nonce', 'Wechatpay-Serial'].map((name) => ({
        name,
        in: 'header' as const,
        required: true,
        schema: asSchema({ type: 'string' }),
      })),
    ],
    requestBody: { required: true, content: { 'application/json': { schema: NOTIFICATION } } },
    responses: {
      '204': { description: '已处理 (重复通知也是)' },
      '400': FAIL,
      '401': { ...FAIL, description: '签名无效或运营中心未知; 不做任何改变' },
      '500': FAIL,
    },
  };
}

const text = (description: string, type = 'text/plain') => ({ description, content: { [type]: { schema: { type: 'string' } } } });

/**
 * The routes outside the `/api/user` envelope, described here by `METHOD path` (the path as
 * `listRoutes` gives it). The document lists those the app serves; the document test fails on a
 * served route with neither an `apiHandler` description nor an entry here. Health and metrics
 * are described ahead of their routes, and appear once the app serves them.
 */
export const OUTSIDE_ENVELOPE: Readonly<Record<string, OperationObject>> = {
  'GET /miniprogram_bridge/pay': {
    tags: ['bridge'],
    summary: 'H5 跳转页: 目标运营中心小程序的小程序码',
    description: '移动网页 (非 JSON)。参数不合法、票据无效或订单不符时返回可读的错误页 (4xx)。',
    security: [],
    parameters: queryParameters(bridgePageParams.schema),
    responses: {
      '200': text('含小程序码的页面', 'text/html'),
      '4XX': text('可读的错误页', 'text/html'),
      '5XX': text('微信或服务器故障', 'text/html'),
    },
  },
  'POST /api/wechat/pay/notify/:operId': notification('微信支付支付结果通知', '验签 (平台公钥), 解密 resource; 金额须等于 pay_price; 订单恰好一次变为已付款。'),
  'POST /api/wechat/refund/notify/:operId': notification('微信支付退款结果通知', '验签, 解密; 金额须等于退款记录的金额。'),
  'GET /openapi.json': {
    tags: ['document'],
    summary: '本文档 (OpenAPI 3.1)',
    security: [],
    responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } },
  },
  'GET /docs': { tags: ['document'], summary: '渲染本文档的页面', security: [], responses: { '200': text('HTML', 'text/html') } },
  'GET /docs/assets/:file': {
    tags: ['document'],
    summary: '文档页面的脚本与样式 (来自 swagger-ui-dist)',
    security: [],
    parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string' } }],
    responses: { '200': text('JavaScript 或 CSS'), '404': text('没有这个文件') },
  },
  'GET /healthz': { tags: ['operations'], summary: '进程存活', security: [], responses: { '200': text('OK') } },
  'GET /readyz': {
    tags: ['operations'],
    summary: '就绪: 数据库可用且启动完成',
    security: [],
    responses: { '200': text('ready'), '503': text('not ready') },
  },
  'GET /metrics': {
    tags: ['operations'],
    summary: 'Prometheus 指标 (默认仅回环地址可访问)',
    security: [],
    responses: { '200': text('Prometheus text format; version=0.0.4') },
  },
};
