import { expect } from 'chai';
import { distanceInMetres, distancesFrom } from '../../../../core/index.js';

describe('great-circle distances', () => {
  it('measures known distances in whole metres (haversine on the mean earth radius)', () => {
    const tiananmen = { lng: 116.3975, lat: 39.9087 };
    // One degree of latitude on a 6,371,008.8 m sphere: 111,195 m.
    expect(distanceInMetres(tiananmen, { lng: 116.3975, lat: 40.9087 })).to.equal(111195);
    expect(distanceInMetres(tiananmen, tiananmen)).to.equal(0);
    // Shanghai's People's Square: about 1,067 km away.
    const shanghai = distanceInMetres(tiananmen, { lng: 121.4737, lat: 31.2304 });
    expect(shanghai).to.be.within(1_065_000, 1_070_000);
  });

  /** The haversine written out on its own, every term from both points, as the table's searches always measured. */
  function haversine(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
    const rad = (deg: number) => (deg * Math.PI) / 180;
    const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
    return Math.round(2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h))));
  }

  it('gives, from an origin worked out once, exactly the figure of the haversine written out for every point', () => {
    const origins = [{ lng: 116.4074, lat: 39.9042 }, { lng: -73.9857, lat: 40.7484 }, { lng: 151.2093, lat: -33.8688 }];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const origin of origins) {
      const distanceTo = distancesFrom(origin);
      for (let i = 0; i < 2000; i++) {
        const point = { lng: origin.lng + (random() - 0.5) * 2, lat: origin.lat + (random() - 0.5) * 2 };
        const expected = haversine(origin, point);
        expect(distanceTo(point.lng, point.lat)).to.equal(expected);
        expect(distanceInMetres(origin, point)).to.equal(expected);
      }
    }
  });
});
