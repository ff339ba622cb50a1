import { expect } from 'chai';
import { eventually, startTestSandbox, type TestSandbox } from './sandbox-harness.js';
import {
  control,
  enrol,
  newOutTradeNo,
  payCall,
  prepay,
  queryTransaction,
  usePayWorld,
  startReceiver,
  testMerchant,
  verifiesWithPlatform,
  type NotifyReceiver,
} from './pay-harness.js';

describe('wechat sandbox WeChat Pay notification delivery', () => {
  const world = usePayWorld();

  const query = (no: string) => queryTransaction(world, no);

  async function unpaid(overrides: Record<string, unknown> = {}): Promise<string> {
    const no = newOutTradeNo();
    await prepay(world, no, overrides);
    return no;
  }

  it('retries after a 500 until the receiver answers 200, recording every attempt', async () => {
    const no = await unpaid();
    world.receiver.statuses = [500, 200];
    const answer = await control(world, `/pay/${no}/succeed`);
    expect(answer.json).to.include({ delivered: true, status: 200, attempts: 2 });
    const [one, two] = world.receiver.received;
    expect(two!.json.id).to.equal(one!.json.id);
    expect(verifiesWithPlatform(world.platform, two!.headers, two!.body)).to.equal(true);
    const calls = (await world.sandbox.calls('pay-notification')).filter((c) => c.out_trade_no === no);
    expect(calls.map((c) => [c.attempt, c.outcome])).to.deep.equal([
      [2, { result: 'delivered', status: 200 }],
      [1, { result: 'refused', status: 500 }],
    ]);
    expect(calls[0]).to.include({ event_type: 'TRANSACTION.SUCCESS', mchid: world.merchant.mchid, forged: false, out_refund_no: null });
    expect(calls[0]!.notify_url).to.equal(`${world.receiver.url}/api/wechat/pay/notify/1`);
    const log = JSON.stringify(await world.sandbox.calls());
    expect(log).to.not.include(world.merchant.apiV3Key).and.not.include(one!.json.resource.ciphertext);
  });

  it('takes 204 as success and any other status, or a dropped connection, as a failure', async () => {
    const no = await unpaid();
    world.receiver.statuses = [201, 0, 204];
    expect((await control(world, `/pay/${no}/succeed`)).json).to.include({ delivered: true, status: 204, attempts: 3 });
    const [dropped] = (await world.sandbox.calls('pay-notification')).filter((c) => c.attempt === 2 && c.out_trade_no === no);
    expect(dropped!.outcome.result).to.equal('unreachable');
  });

  it('gives up after the configured retries', async () => {
    const no = await unpaid();
    world.receiver.statuses = [500, 503, 500, 502];
    expect((await control(world, `/pay/${no}/succeed`)).json).to.include({ delivered: false, status: 502, attempts: 4 });
    expect((await query(no)).trade_state).to.equal('SUCCESS');
  });

  it('reports status null when nobody listens at the notify_url', async () => {
    const gone = await startReceiver();
    await gone.close();
    const no = await unpaid({ notify_url: `${gone.url}/notify` });
    expect((await control(world, `/pay/${no}/succeed`)).json).to.include({ delivered: false, status: null, attempts: 4 });
  });
});

describe('wechat sandbox WeChat Pay notification timeouts', () => {
  let sandbox: TestSandbox;
  let receiver: NotifyReceiver;
  before(async () => {
    sandbox = await startTestSandbox({ pay: { notifyRetryDelaysMs: [], notifyTimeoutMs: 100 } });
    receiver = await startReceiver();
  });
  after(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it('counts an attempt that takes longer than the timeout as failed', async () => {
    const merchant = await testMerchant(3);
    await enrol(sandbox, merchant);
    receiver.statuses = [-1];
    const no = newOutTradeNo();
    const body = { appid: merchant.appids[0], mchid: merchant.mchid, description: 'x', out_trade_no: no,
      notify_url: `${receiver.url}/slow`, amount: { total: 5 }, payer: { openid: 'o3' } };
    expect((await payCall(sandbox, merchant, 'POST', '/v3/pay/transactions/jsapi', body)).status).to.equal(200);
    const started = Date.now();
    const response = await fetch(`${sandbox.url}/wechat-sandbox/pay/${no}/succeed`, { method: 'POST' });
    expect(await response.json()).to.include({ delivered: false, status: null, attempts: 1 });
    expect(Date.now() - started).to.be.below(1_000);
    const [call] = await sandbox.calls('pay-notification');
    expect(call!.outcome).to.deep.equal({ result: 'unreachable', error: 'timeout' });
  });
});

describe('wechat sandbox WeChat Pay notifications when the sandbox closes', () => {
  it('abandons pending retries, so that closing is quick', async () => {
    const sandbox = await startTestSandbox({ pay: { notifyRetryDelaysMs: [30_000], notifyTimeoutMs: 1_000 } });
    const receiver = await startReceiver();
    try {
      await closeWhileRetrying(sandbox, receiver);
    } finally {
      await sandbox.close();
      await receiver.close();
    }
  });

  async function closeWhileRetrying(sandbox: TestSandbox, receiver: NotifyReceiver): Promise<void> {
    const merchant = await testMerchant(3);
    await enrol(sandbox, merchant);
    receiver.statuses = [500];
    const no = newOutTradeNo();
    const body = { appid: merchant.appids[0], mchid: merchant.mchid, description: 'x', out_trade_no: no,
      notify_url: `${receiver.url}/retry`, amount: { total: 5 }, payer: { openid: 'o3' } };
    expect((await payCall(sandbox, merchant, 'POST', '/v3/pay/transactions/jsapi', body)).status).to.equal(200);
    const pending = fetch(`${sandbox.url}/wechat-sandbox/pay/${no}/succeed`, { method: 'POST' });
    await eventually(async () => (receiver.received.length === 1 ? true : undefined));
    const started = Date.now();
    await sandbox.close();
    expect(Date.now() - started).to.be.below(1_000);
    expect(await (await pending).json()).to.include({ delivered: false, status: 500, attempts: 1 });
    expect(receiver.received).to.have.length(1);
  }
});

