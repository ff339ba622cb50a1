import { expect } from 'chai';
import type { Geocoder } from '../../../core/index.js';
import { domainErrorOf } from '../../unit/support/domain-error-of.js';
import { type ClosableContext, settlesLikeARemoteCall, useGatewayContext } from './gateway-context.js';

/** What the Geocoder suite needs: the geocoder, and for an online one, its service's side. */
export interface GeocoderContext extends ClosableContext {
  readonly geocoder: Geocoder;
  /** Makes the service unreachable from now on; null for a geocoder that calls no service. */
  readonly serviceGoesDown: (() => Promise<void>) | null;
}

/** A geocoder that calls a service (and so can fail and takes turns), or one that reads local data. */
export type GeocoderKind = 'online' | 'offline';

/** Tiananmen as GPS (`wx.getLocation`'s default) gives it: read as GCJ-02 it would lie in 西城区. */
const TIANANMEN_WGS84 = { lng: 116.3913, lat: 39.9075 };

/** The Geocoder port: the county (or city without counties) of a point in either system, null outside the tree. */
export function describeGeocoderContract(adapterName: string, kind: GeocoderKind, makeContext: () => Promise<GeocoderContext>): void {
  describe(`Geocoder [${adapterName}]`, () => {
    const context = useGatewayContext(makeContext);
    const locate = (lng: number, lat: number, system: 'gcj02' | 'wgs84' = 'gcj02') => context().geocoder.locate({ lng, lat }, system);

    it('answers the county of a GCJ-02 point, the district for a municipality', async () => {
      expect(await locate(116.3975, 39.9087)).to.equal(110101);
      expect(await locate(121.5055, 31.2397)).to.equal(310115);
    });

    it('answers the city for a city without counties, the county-level city for one a province runs', async () => {
      expect(await locate(113.7518, 23.0205)).to.equal(441900);
      expect(await locate(113.4539, 30.3627)).to.equal(429004);
    });

    it('reads a WGS84 point as GPS: converted to GCJ-02 first', async () => {
      expect(await locate(TIANANMEN_WGS84.lng, TIANANMEN_WGS84.lat, 'wgs84')).to.equal(110101);
      expect(await locate(TIANANMEN_WGS84.lng, TIANANMEN_WGS84.lat, 'gcj02')).to.equal(110102);
    });

    it('answers null for a point at sea', async () => {
      expect(await locate(125.0, 30.0)).to.equal(null);
      expect(await locate(125.0, 30.0, 'wgs84')).to.equal(null);
    });

    // An offline geocoder reaches no service: it has neither failure nor latency to show.
    if (kind === 'online') {
      it('answers 70012 when its service cannot be reached, and settles as a remote call does', async () => {
        const goesDown = context().serviceGoesDown;
        if (goesDown === null) throw new Error('an online geocoder’s context must say how its service goes down');
        expect((await settlesLikeARemoteCall(() => locate(116.3975, 39.9087))).status).to.equal('fulfilled');
        await goesDown();
        await domainErrorOf(locate(116.3975, 39.9087), 70012);
      });
    }
  });
}
