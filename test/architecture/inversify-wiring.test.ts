import { expect } from 'chai';
import { Container, type ServiceIdentifier, inject, injectable } from 'inversify';
import { bindClass, bindNamed } from '../../apps/composition/wiring.js';
import type { Clock } from '../../core/index.js';

/**
 * The wiring pattern of the composition root, proven on this toolchain (tsc 7 with
 * `experimentalDecorators`, inversify 8, no `reflect-metadata` import and no emitted metadata):
 * an adapter or app class is `@injectable()` and names each constructor dependency by token;
 * a core class carries no decorator and is bound once, each constructor argument named by a
 * token whose type the compiler checks against the constructor. The helpers are the root's own
 * (apps/composition/wiring.ts).
 */

const id = <T>(name: string) => Symbol.for(`o2o.test.${name}`) as ServiceIdentifier<T>;

/** A core-like use case: plain TypeScript, its ports in the constructor, no decorator. */
class StampReceipt {
  constructor(
    private readonly clock: Clock,
    private readonly prefix: string,
    private readonly suffix = '',
  ) {}

  execute(orderNo: string): string {
    return `${this.prefix}${orderNo}@${this.clock.now().toISOString()}${this.suffix}`;
  }
}

const T = {
  Instant: id<Date>('Instant'),
  ReceiptPrefix: id<string>('ReceiptPrefix'),
  Clock: id<Clock>('Clock'),
  StampReceipt: id<StampReceipt>('StampReceipt'),
  ReceiptRoute: id<ReceiptRoute>('ReceiptRoute'),
} as const;

/** An adapter: injectable, each dependency by token. */
@injectable()
class FixedClock implements Clock {
  constructor(@inject(T.Instant) private readonly instant: Date) {}

  now(): Date {
    return this.instant;
  }
}

/** An app class (a route module, a job): injectable, handed the use case it calls. */
@injectable()
class ReceiptRoute {
  constructor(@inject(T.StampReceipt) readonly stampReceipt: StampReceipt) {}

  answer(orderNo: string): { receipt: string } {
    return { receipt: this.stampReceipt.execute(orderNo) };
  }
}

/** A route module as the project writes them: a function of a named deps object. */
function receiptRoutes(deps: { readonly stampReceipt: StampReceipt; readonly clock: Clock }): () => string {
  return () => `${deps.stampReceipt.execute('7')} (${deps.clock.now().getUTCFullYear()})`;
}

const ROUTES = id<() => string>('ReceiptRoutes');

function compose(): Container {
  const c = new Container({ defaultScope: 'Singleton' });
  c.bind(T.Instant).toConstantValue(new Date('2026-12-01T06:00:00.000Z'));
  c.bind(T.ReceiptPrefix).toConstantValue('R-');
  c.bind(T.Clock).to(FixedClock);
  bindClass(c, T.StampReceipt, StampReceipt, [T.Clock, T.ReceiptPrefix]);
  c.bind(T.ReceiptRoute).to(ReceiptRoute);
  bindNamed(c, ROUTES, receiptRoutes, { stampReceipt: T.StampReceipt, clock: T.Clock });
  return c;
}

describe('the composition pattern (inversify 8 on tsc 7)', () => {
  it('builds an injectable adapter from its tokens and hands it to a decorator-free core class', () => {
    const route = compose().get(T.ReceiptRoute);
    expect(route.answer('42')).to.deep.equal({ receipt: 'R-42@2026-12-01T06:00:00.000Z' });
  });

  it('leaves a trailing optional constructor parameter to its default, or names it', () => {
    const c = compose();
    const Suffix = id<string>('Suffix');
    const Stamped = id<StampReceipt>('Stamped');
    c.bind(Suffix).toConstantValue('!');
    bindClass(c, Stamped, StampReceipt, [T.Clock, T.ReceiptPrefix, Suffix]);
    expect(c.get(T.StampReceipt).execute('1')).to.equal('R-1@2026-12-01T06:00:00.000Z');
    expect(c.get(Stamped).execute('1')).to.equal('R-1@2026-12-01T06:00:00.000Z!');
  });

  it('hands a route module its dependencies by name', () => {
    expect(compose().get(ROUTES)()).to.equal('R-7@2026-12-01T06:00:00.000Z (2026)');
  });

  it('builds each binding once per container', () => {
    const c = compose();
    expect(c.get(T.StampReceipt)).to.equal(c.get(T.ReceiptRoute).stampReceipt);
    expect(c.get(T.Clock)).to.equal(c.get(T.Clock));
    expect(compose().get(T.StampReceipt)).to.not.equal(c.get(T.StampReceipt));
  });

  it('lets a test or an embedder replace a binding after the sections that made it (rebind)', () => {
    const c = compose();
    c.rebind(T.Clock).toConstantValue({ now: () => new Date('2030-01-01T00:00:00.000Z') });
    expect(c.get(T.ReceiptRoute).answer('1')).to.deep.equal({ receipt: 'R-1@2030-01-01T00:00:00.000Z' });
  });

  it('serves one port by another binding (toService) and wraps it on activation', () => {
    const c = compose();
    const Wall = id<Clock>('WallClock');
    c.bind(Wall).toService(T.Clock);
    const seen: string[] = [];
    c.onActivation(T.StampReceipt, (context, stamp) => {
      seen.push(context.get(T.ReceiptPrefix));
      return stamp;
    });
    expect(c.get(Wall)).to.equal(c.get(T.Clock));
    c.get(T.StampReceipt);
    c.get(T.StampReceipt);
    expect(seen).to.deep.equal(['R-']);
  });

  it('names a missing binding when a class is resolved without it', () => {
    const c = new Container({ defaultScope: 'Singleton' });
    c.bind(T.Clock).to(FixedClock);
    expect(() => c.get(T.Clock)).to.throw(/o2o\.test\.Instant/);
  });

  it('lets the compiler refuse a token whose type does not fit the constructor', () => {
    const c = new Container();
    // @ts-expect-error the dependencies are in the wrong order: a string token where a Clock is expected
    bindClass(c, T.StampReceipt, StampReceipt, [T.ReceiptPrefix, T.Clock]);
    // @ts-expect-error one dependency short
    bindClass(c, T.StampReceipt, StampReceipt, [T.Clock]);
    // @ts-expect-error a named dependency of the wrong type
    bindNamed(c, ROUTES, receiptRoutes, { stampReceipt: T.StampReceipt, clock: T.ReceiptPrefix });
    expect(c.isBound(T.StampReceipt)).to.equal(true);
  });
});
