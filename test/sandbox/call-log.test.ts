import { expect } from 'chai';
import { CallLog } from '../../apps/wechat-sandbox/call-log.js';

describe('wechat sandbox CallLog', () => {
  const at = new Date('2026-01-02T03:04:05.000Z');
  const call = (code: string) =>
    ({ api: 'jscode2session', appid: 'wx0000000000000001', code, outcome: { result: 'holding' } }) as const;

  it('stamps calls with a sequence number and the time, and lists them newest first', () => {
    const log = new CallLog(10, () => at);
    expect(log.record(call('a'))).to.equal(1);
    expect(log.record(call('b'))).to.equal(2);
    expect(log.list('jscode2session')).to.deep.equal([
      { seq: 2, at: at.toISOString(), ...call('b') },
      { seq: 1, at: at.toISOString(), ...call('a') },
    ]);
  });

  it('keeps only the newest calls beyond its capacity', () => {
    const log = new CallLog(2, () => at);
    for (const code of ['a', 'b', 'c']) log.record(call(code));
    expect(log.list('jscode2session').map((c) => c.code)).to.deep.equal(['c', 'b']);
  });

  it('updates the outcome of a held call, and ignores calls no longer kept', () => {
    const log = new CallLog(1, () => at);
    const first = log.record(call('a'));
    const second = log.record(call('b'));
    log.update(second, { result: 'held', releasedBy: 'client' });
    log.update(first, { result: 'held', releasedBy: 'elapsed' });
    expect(log.list('jscode2session').map((c) => [c.code, c.outcome])).to.deep.equal([['b', { result: 'held', releasedBy: 'client' }]]);
  });
});
