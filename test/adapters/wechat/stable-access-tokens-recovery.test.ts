import { expect } from 'chai';
import type { ServerResponse } from 'node:http';
import { json, until } from './fake-wechat-server.js';
import { APPID, STABLE_TOKEN, stableTokensWorld } from './stable-tokens-world.js';

describe('StableAccessTokens after a refused token', () => {
  const w = stableTokensWorld();

  it('after invalidate, asks plainly, forces a new token once when WeChat still has the refused one, then asks plainly again', async () => {
    w.issueTokens();
    const cache = w.tokens();
    await cache.get(w.oper);
    cache.invalidate(APPID);
    expect(await cache.get(w.oper)).to.equal('token-2');
    expect(await cache.get(w.oper)).to.equal('token-2');
    w.clock.advance(7200_000);
    expect(await cache.get(w.oper)).to.equal('token-3');
    expect(w.forceFlags()).to.deep.equal([false, false, true, false]);
    expect(w.log.entries().at(-2)).to.include({ forceRefresh: true });
  });

  it('takes the token another instance forced, without forcing one more (no ping-pong between instances)', async () => {
    w.issueTokens();
    const mine = w.tokens();
    const theirs = w.tokens();
    const refused = await mine.get(w.oper);
    expect(await theirs.get(w.oper)).to.equal(refused);
    theirs.invalidate(APPID, refused);
    expect(await theirs.get(w.oper)).to.equal('token-2');
    mine.invalidate(APPID, refused);
    expect(await mine.get(w.oper)).to.equal('token-2');
    expect(w.forceFlags()).to.deep.equal([false, false, false, true, false]);
  });

  it('forces once however many holders report the same refused token', async () => {
    w.issueTokens();
    const cache = w.tokens();
    const refused = await cache.get(w.oper);
    cache.invalidate(APPID, refused);
    const first = cache.get(w.oper);
    cache.invalidate(APPID, refused);
    const second = cache.get(w.oper);
    expect(await Promise.all([first, second])).to.deep.equal(['token-2', 'token-2']);
    cache.invalidate(APPID, refused);
    expect(await cache.get(w.oper)).to.equal('token-2');
    expect(w.forceFlags()).to.deep.equal([false, false, true]);
  });

  it('supersedes a plain request in flight with a recovering one when the token is refused meanwhile', async () => {
    const held: ServerResponse[] = [];
    w.wechat.answer(STABLE_TOKEN, (response) => void held.push(response));
    const cache = w.tokens();
    const plain = cache.get(w.oper);
    await until(() => held.length === 1);
    cache.invalidate(APPID, 'token-old');
    const forced = cache.get(w.oper);
    await until(() => held.length === 2);
    json({ access_token: 'token-old', expires_in: 7200 })(held[0]!, w.wechat.calls[0]!);
    json({ access_token: 'token-new', expires_in: 7200 })(held[1]!, w.wechat.calls[1]!);
    expect(await plain).to.equal('token-old');
    expect(await forced).to.equal('token-new');
    expect(await cache.get(w.oper)).to.equal('token-new');
    expect(w.forceFlags()).to.deep.equal([false, false]);
  });

  it('does not keep a plain answer that raced an invalidation', async () => {
    const held: ServerResponse[] = [];
    w.wechat.answer(STABLE_TOKEN, (response) => void held.push(response));
    const cache = w.tokens();
    const plain = cache.get(w.oper);
    await until(() => held.length === 1);
    cache.invalidate(APPID);
    json({ access_token: 'token-old', expires_in: 7200 })(held[0]!, w.wechat.calls[0]!);
    expect(await plain).to.equal('token-old');
    w.issueTokens();
    expect(await cache.get(w.oper)).to.equal('token-1');
    expect(w.forceFlags()).to.deep.equal([false, true]);
  });

  it('keeps recovering after a recovery attempt failed', async () => {
    w.issueTokens();
    const cache = w.tokens();
    await cache.get(w.oper);
    cache.invalidate(APPID);
    w.wechat.answer(STABLE_TOKEN, json({ errcode: -1, errmsg: 'system error' }));
    expect((await w.domainError(cache.get(w.oper))).code).to.equal(70012);
    w.issueTokens();
    expect(await cache.get(w.oper)).to.equal('token-2');
    expect(w.forceFlags()).to.deep.equal([false, false, false, true]);
  });
});
