import { expect } from 'chai';
import { PurgeExpired, type RetentionSettings, SCENE_TTL_MS } from '../../../../core/index.js';
import { DAY, type IdentityWorld, MINUTE, START, identityWorld, mobileNumber } from '../../support/identity-world.js';

const tokenHash = (n: number) => n.toString(16).padStart(64, 'a');
const at = (ms: number) => new Date(START.getTime() + ms);

/** Adds session `n` expiring at `expiresAt`. */
async function addSession(world: IdentityWorld, n: number, expiresAt: Date): Promise<void> {
  await world.repositories.sessions.add({ tokenHash: tokenHash(n), operId: 1, appid: 'wx0000000000000001', openId: `o${n}`, createdAt: START, expiresAt });
}

/** Adds a code for mobile `n` sent at `sentAt`; returns its id. */
async function addCode(world: IdentityWorld, n: number, sentAt: Date): Promise<number> {
  const code = await world.repositories.verifyCodes.add({ mobile: mobileNumber(n), codeHash: 'digest', ip: '10.0.0.1', requester: null, sentAt, expiresAt: new Date(sentAt.getTime() + 5 * MINUTE) });
  return code.id;
}

/** Adds scene `n` expiring at `expiresAt`. */
async function addScene(world: IdentityWorld, n: number, expiresAt: Date): Promise<void> {
  await world.repositories.scenes.add({
    sceneId: String(n).padStart(32, '9'),
    operId: 2,
    userId: 7,
    orderNo: String(n).padStart(32, '0'),
    page: 'pages/severs/index/index',
    createdAt: new Date(expiresAt.getTime() - SCENE_TTL_MS),
    expiresAt,
  });
}

describe('PurgeExpired', () => {
  let world: IdentityWorld;

  beforeEach(async () => {
    world = await identityWorld();
  });

  it('deletes nothing from empty tables', async () => {
    expect(await new PurgeExpired(world.repositories, world.clock).execute()).to.deep.equal({ sessions: 0, verifyCodes: 0, scenes: 0, bridgeTickets: 0, orderGrants: 0 });
  });

  it('deletes sessions expired at or before now, and keeps one expiring a millisecond later', async () => {
    await addSession(world, 1, at(-DAY));
    await addSession(world, 2, START);
    await addSession(world, 3, at(1));
    expect(await new PurgeExpired(world.repositories, world.clock).execute()).to.deep.equal({ sessions: 2, verifyCodes: 0, scenes: 0, bridgeTickets: 0, orderGrants: 0 });
    expect(await world.repositories.sessions.findByTokenHash(tokenHash(2))).to.equal(null);
    expect(await world.repositories.sessions.findByTokenHash(tokenHash(3))).to.not.equal(null);
  });

  it('deletes SMS codes sent more than two days ago, and keeps one sent exactly two days ago', async () => {
    await addCode(world, 1, at(-2 * DAY - 1));
    await addCode(world, 2, at(-2 * DAY));
    await addCode(world, 3, at(-MINUTE));
    expect(await new PurgeExpired(world.repositories, world.clock).execute()).to.deep.equal({ sessions: 0, verifyCodes: 1, scenes: 0, bridgeTickets: 0, orderGrants: 0 });
    expect(await world.repositories.verifyCodes.findLatest(mobileNumber(1))).to.equal(null);
    expect(await world.repositories.verifyCodes.findLatest(mobileNumber(2))).to.not.equal(null);
    expect(await world.repositories.verifyCodes.findLatest(mobileNumber(3))).to.not.equal(null);
  });

  it('keeps every code the daily cap still counts', async () => {
    for (let n = 0; n < 3; n++) await addCode(world, 1, at(-DAY + n * MINUTE));
    await new PurgeExpired(world.repositories, world.clock).execute();
    expect(await world.repositories.verifyCodes.countSentToMobileSince(mobileNumber(1), at(-DAY))).to.equal(3);
  });

  it('deletes scenes expired more than a day ago, and keeps one expired exactly a day ago', async () => {
    await addScene(world, 1, at(-DAY - 1));
    await addScene(world, 2, at(-DAY));
    await addScene(world, 3, START);
    expect(await new PurgeExpired(world.repositories, world.clock).execute()).to.deep.equal({ sessions: 0, verifyCodes: 0, scenes: 1, bridgeTickets: 0, orderGrants: 0 });
    expect(await world.repositories.scenes.findBySceneId(String(1).padStart(32, '9'))).to.equal(null);
    expect(await world.repositories.scenes.findBySceneId(String(2).padStart(32, '9'))).to.not.equal(null);
  });

  it('deletes bridge tickets and order grants expired at or before now, and keeps those expiring later', async () => {
    const ticket = (n: number, expiresAt: Date) => ({ ticketHash: tokenHash(n), userId: 7, orderNo: String(n), operId: 2, createdAt: START, expiresAt });
    const grant = (n: number, expiresAt: Date) => ({ tokenHash: tokenHash(n), orderNo: String(n), createdAt: START, expiresAt });
    await world.repositories.bridgeTickets.add(ticket(1, START));
    await world.repositories.bridgeTickets.add(ticket(2, at(1)));
    await world.repositories.orderGrants.add(grant(1, at(-DAY)));
    await world.repositories.orderGrants.add(grant(2, START));
    await world.repositories.orderGrants.add(grant(3, at(1)));
    expect(await new PurgeExpired(world.repositories, world.clock).execute()).to.deep.equal({
      sessions: 0, verifyCodes: 0, scenes: 0, bridgeTickets: 1, orderGrants: 2,
    });
    expect(await world.repositories.bridgeTickets.findByHash(tokenHash(1))).to.equal(null);
    expect(await world.repositories.bridgeTickets.findByHash(tokenHash(2))).to.not.equal(null);
    expect(await world.repositories.orderGrants.isGranted(tokenHash(3), '3', START)).to.equal(true);
    expect(await world.repositories.orderGrants.isGranted(tokenHash(2), '2', new Date(0))).to.equal(false);
  });

  it('reads the clock at each run and honours other retentions', async () => {
    const retention: RetentionSettings = { verifyCodesMs: DAY, scenesMs: MINUTE };
    const purge = new PurgeExpired(world.repositories, world.clock, retention);
    await addCode(world, 1, START);
    await addScene(world, 1, START);
    world.clock.advance(DAY);
    expect(await purge.execute()).to.deep.equal({ sessions: 0, verifyCodes: 0, scenes: 1, bridgeTickets: 0, orderGrants: 0 });
    world.clock.advance(1);
    expect(await purge.execute()).to.deep.equal({ sessions: 0, verifyCodes: 1, scenes: 0, bridgeTickets: 0, orderGrants: 0 });
  });
});
