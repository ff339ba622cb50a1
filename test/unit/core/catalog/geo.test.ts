import { expect } from 'chai';
import { boundingBox, distanceInMetres, distancesFrom, haversineFrom } from '../../../../core/index.js';

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

  it('bounds the terms of a distance: those up to `within` are within it, those from `beyond` on are not', () => {
    const scale = haversineFrom({ lng: 116.4074, lat: 39.9042 });
    for (const limit of [0, 1, 999, 1000, 5000, 50_000, 20_015_000]) {
      const { within, beyond } = scale.bounds(limit);
      expect(scale.metres(within), `${limit}`).to.be.at.most(limit);
      if (beyond !== Infinity) expect(scale.metres(beyond), `${limit}`).to.be.above(limit);
      // Tight: a metre moves the term far more than the bounds are apart.
      if (limit > 0 && beyond !== Infinity) expect(scale.metres(within * (1 + 1e-6)), `${limit}`).to.be.at.least(limit);
    }
    expect(scale.bounds(-1).within).to.be.below(0);
    expect(scale.bounds(30_000_000)).to.deep.equal({ within: Infinity, beyond: Infinity });
  });

  it('bounds every term cheaply from below and above for points in a latitude band, and the exact term decides as the metres do', () => {
    let seed = 3;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const origin of [{ lng: 116.4074, lat: 39.9042 }, { lng: 151.2093, lat: -33.8688 }, { lng: 0, lat: 0.01 }, { lng: 179.99, lat: 70 }]) {
      const scale = haversineFrom(origin);
      for (const radius of [1000, 5000, 50_000]) {
        const box = boundingBox(origin, radius + 1);
        const band = scale.termBounds(box.minLat, box.maxLat);
        for (let i = 0; i < 3000; i++) {
          const lng = box.minLng + random() * (box.maxLng - box.minLng);
          const lat = box.minLat + random() * (box.maxLat - box.minLat);
          const term = scale.term(lng, lat);
          expect(band.low(lng, lat), `${lng},${lat}`).to.be.at.most(term);
          expect(band.high(lng, lat), `${lng},${lat}`).to.be.at.least(term);
          expect(scale.metres(term)).to.equal(distancesFrom(origin)(lng, lat));
        }
        // Tight at 5 km and less: about a thousandth between the bounds near the edge.
        if (radius <= 5000) {
          const edge = { lng: origin.lng, lat: box.maxLat };
          expect(band.high(edge.lng, edge.lat) / band.low(edge.lng, edge.lat)).to.be.below(1.001);
        }
      }
    }
  });
});
