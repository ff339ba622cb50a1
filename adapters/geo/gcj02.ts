import gcoordModule from 'gcoord';
import type { GeoPoint } from '../../core/catalog/geo.js';

// gcoord is CommonJS (`module.exports = gcoord`) but its types declare `export default gcoord`:
// under nodenext the default import is the object itself at run time, typed as the module.
const gcoord = gcoordModule as unknown as typeof gcoordModule.default;

/**
 * A WGS84 (GPS) point in GCJ-02, the coordinates of Chinese maps. Outside China gcoord leaves
 * the point unchanged, as GCJ-02 itself does.
 */
export function toGcj02(point: GeoPoint): GeoPoint {
  const [lng, lat] = gcoord.transform([point.lng, point.lat], gcoord.WGS84, gcoord.GCJ02);
  return { lng, lat };
}
