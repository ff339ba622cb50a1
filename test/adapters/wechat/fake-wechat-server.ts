import type { ServerResponse } from 'node:http';
import { type LocalHttpServer, sendJson, startLocalHttpServer } from '../support/local-http-server.js';

/** One request as the fake WeChat received it; `body` is the parsed JSON, or the raw text when it is not JSON. */
export interface WechatCall {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly contentType: string | undefined;
  readonly body: unknown;
}

export type WechatReply = (response: ServerResponse, call: WechatCall) => void;

/** A local node:http server playing WeChat's API host: records every call and answers each path as told. */
export interface FakeWechat {
  readonly url: string;
  /** Every call so far, in arrival order. */
  readonly calls: WechatCall[];
  callsTo(path: string): WechatCall[];
  /** How calls to `path` are answered from now on. */
  answer(path: string, reply: WechatReply): void;
  /** Forgets the calls and the answers. */
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeWechat(): Promise<FakeWechat> {
  const calls: WechatCall[] = [];
  const replies = new Map<string, WechatReply>();
  const server: LocalHttpServer = await startLocalHttpServer((request, response, text) => {
    const url = new URL(request.url ?? '/', 'http://local');
    const call: WechatCall = {
      method: request.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      contentType: request.headers['content-type'],
      body: parseJson(text),
    };
    calls.push(call);
    const reply = replies.get(url.pathname);
    if (reply) reply(response, call);
    else sendJson(response, { errcode: 404, errmsg: `no fake for ${url.pathname}` }, 404);
  });
  return {
    url: server.url,
    calls,
    callsTo: (path) => calls.filter((call) => call.path === path),
    answer: (path, reply) => void replies.set(path, reply),
    reset: () => {
      calls.length = 0;
      replies.clear();
    },
    close: () => server.close(),
  };
}

/** WeChat's habit: JSON answers (errors included) under HTTP 200. */
export const json =
  (body: unknown, status = 200, contentType = 'application/json; encoding=utf-8'): WechatReply =>
  (response) =>
    sendJson(response, body, status, contentType);

export const html =
  (text: string, status = 200): WechatReply =>
  (response) => {
    response.writeHead(status, { 'Content-Type': 'text/html' });
    response.end(text);
  };

export const image =
  (bytes: Uint8Array, contentType = 'image/png', status = 200): WechatReply =>
  (response) => {
    response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': bytes.length });
    response.end(bytes);
  };

/** Resolves once `condition` holds, polling; fails after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('until: condition never held');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
