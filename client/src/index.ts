export { type BridgeLink, type ClientOptions, MiniProgramClient, type PaymentOutcome } from './client.js';
export * from './api.js';
export type { WxApi } from './wx.js';
