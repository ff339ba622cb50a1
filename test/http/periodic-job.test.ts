import { expect } from 'chai';
import sinon from 'sinon';
import { startPeriodicJob } from '../../apps/http/periodic-job.js';

describe('startPeriodicJob', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers();
  });
  afterEach(() => clock.restore());

  it('runs first one interval after the start, then every interval, and not after stop', async () => {
    let runs = 0;
    const job = startPeriodicJob(1000, async () => void runs++, () => {});
    expect(runs).to.equal(0);
    await clock.tickAsync(999);
    expect(runs).to.equal(0);
    await clock.tickAsync(1);
    expect(runs).to.equal(1);
    await clock.tickAsync(1000);
    expect(runs).to.equal(2);
    await job.stop();
    await clock.tickAsync(5000);
    expect(runs).to.equal(2);
  });

  it('starts nothing at interval 0', async () => {
    let runs = 0;
    const job = startPeriodicJob(0, async () => void runs++, () => {});
    await clock.tickAsync(60_000);
    expect(runs).to.equal(0);
    await job.stop();
  });

  it('skips ticks while a run is going, and stop waits for that run', async () => {
    let started = 0;
    let finish: () => void = () => {};
    let finished = false;
    const job = startPeriodicJob(
      1000,
      async () => {
        started++;
        await new Promise<void>((resolve) => (finish = resolve));
        finished = true;
      },
      () => {},
    );
    await clock.tickAsync(3000);
    expect(started).to.equal(1);
    const stopped = job.stop().then(() => finished);
    finish();
    expect(await stopped).to.equal(true);
  });

  it('reports a failed run and tries again at the next tick', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const failure = new Error('database away');
    const job = startPeriodicJob(
      1000,
      async () => {
        runs++;
        if (runs === 1) throw failure;
      },
      (error) => errors.push(error),
    );
    await clock.tickAsync(2000);
    expect(runs).to.equal(2);
    expect(errors).to.deep.equal([failure]);
    await job.stop();
  });
});
