import { OfflineGeocoder } from '../../../adapters/geo/offline-geocoder.js';
import { TencentLbsGeocoder } from '../../../adapters/geo/tencent-lbs-geocoder.js';
import { capturedLogger } from '../../adapters/support/captured-logger.js';
import { startFakeLbsServer } from './fake-lbs-server.js';
import { describeGeocoderContract } from './geocoder-contract.js';

// Both geocoders on the same places: the offline one over the shipped boundaries, Tencent LBS's
// client against a fake LBS answering from those boundaries (so only the client is under test).
const KEY = 'OB4BZ-D4W3U-B7VVO-4PJWW-6TKDJ-WPB77';
let boundaries: Promise<OfflineGeocoder> | null = null;
const shipped = () => (boundaries ??= OfflineGeocoder.load());

describeGeocoderContract('OfflineGeocoder', 'offline', async () => ({ geocoder: await shipped(), serviceGoesDown: null, close: async () => {} }));

describeGeocoderContract('TencentLbsGeocoder on a fake LBS', 'online', async () => {
  const lbs = await startFakeLbsServer(KEY, await shipped());
  let closed: Promise<void> | null = null;
  const down = () => (closed ??= lbs.close());
  return {
    geocoder: new TencentLbsGeocoder({ key: KEY, baseUrl: lbs.url, timeoutMs: 2_000, logger: capturedLogger().logger }),
    serviceGoesDown: down,
    close: down,
  };
});
