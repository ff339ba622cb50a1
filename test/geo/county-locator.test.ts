import { expect } from 'chai';
import { decodeBoundaryFile } from '../../adapters/geo/county-boundary-file.js';
import { CountyLocator } from '../../adapters/geo/county-locator.js';
import { boundaryFile, square } from './boundary-file-fixture.js';

/** Degrees on the 1/1024 grid: n / 1024 + base. */
const g = (base: number, n: number) => base + n / 1024;

describe('CountyLocator over a decoded boundary file', () => {
  // 100001: a square with a square hole; 100002: two islands, one of them inside the hole of
  // 100001; 100003: a small square overlapping 100001's edge, listed first so it wins there.
  const file = boundaryFile([
    { code: 100003, rings: [square(g(10, 90), g(20, 40), g(10, 110), g(20, 60))] },
    { code: 100001, rings: [square(10, 20, g(10, 100), g(20, 100)), square(g(10, 30), g(20, 30), g(10, 70), g(20, 70))] },
    { code: 100002, rings: [square(g(10, 40), g(20, 40), g(10, 60), g(20, 60))] },
    { code: 100002, rings: [square(30, 20, g(30, 10), g(20, 10))] },
  ]);
  const locator = new CountyLocator(decodeBoundaryFile(file));

  it('finds the polygon holding a point', () => {
    expect(locator.codeAt(g(10, 10), g(20, 10))).to.equal(100001);
    expect(locator.codeAt(g(10, 80), g(20, 90))).to.equal(100001);
  });

  it('leaves out the holes (even-odd over the rings)', () => {
    expect(locator.codeAt(g(10, 35), g(20, 35))).to.equal(null);
  });

  it('finds an island of a multipolygon, also one inside another polygon’s hole', () => {
    expect(locator.codeAt(g(10, 50), g(20, 50))).to.equal(100002);
    expect(locator.codeAt(g(30, 5), g(20, 5))).to.equal(100002);
  });

  it('gives the polygon listed first where two overlap', () => {
    expect(locator.codeAt(g(10, 95), g(20, 50))).to.equal(100003);
    expect(locator.codeAt(g(10, 105), g(20, 50))).to.equal(100003);
  });

  it('answers null outside every polygon and for numbers that are not coordinates', () => {
    expect(locator.codeAt(g(10, 200), g(20, 10))).to.equal(null);
    expect(locator.codeAt(0, 0)).to.equal(null);
    expect(locator.codeAt(Number.NaN, 20)).to.equal(null);
    expect(locator.codeAt(Number.POSITIVE_INFINITY, 20)).to.equal(null);
  });

  it('decodes the header and every point exactly', () => {
    const decoded = decodeBoundaryFile(boundaryFile([{ code: 110101, rings: [[[116.25, 39.5], [-1, 0.5], [116.5, -45.25]]] }], { toleranceMetres: 100 }));
    expect(decoded.header).to.include({ crs: 'GCJ-02', scale: 1024, toleranceMetres: 100 });
    expect([...decoded.codes]).to.deep.equal([110101]);
    expect([...decoded.points]).to.deep.equal([116.25 * 1024, 39.5 * 1024, -1024, 512, 116.5 * 1024, -45.25 * 1024]);
  });

  it('refuses a file that is not one, or is cut short', () => {
    expect(() => decodeBoundaryFile(new TextEncoder().encode('{"areas":[]}'))).to.throw(/bad magic/);
    expect(() => decodeBoundaryFile(file.subarray(0, file.length - 3))).to.throw(/truncated|counts/);
  });
});
