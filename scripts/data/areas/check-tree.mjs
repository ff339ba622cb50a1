/**
 * Last guard before writing: the derived tree must be well formed, whatever the data did.
 */

/**
 * Throws on a duplicate or non-6-digit code, a missing parent, a parent not one tier up, or an
 * initial outside A-Z.
 * @param {Array<import('./normalise-tree.mjs').TreeArea & { initial: string }>} areas
 */
export function checkTree(areas) {
  const byId = new Map();
  for (const area of areas) {
    if (!/^[1-9]\d{5}$/.test(String(area.area_id))) throw new Error(`not a 6-digit code: ${area.area_id}`);
    if (byId.has(area.area_id)) throw new Error(`duplicate code ${area.area_id}`);
    if (!/^[A-Z]$/.test(area.initial)) throw new Error(`bad initial for ${area.area_id} ${area.name}`);
    byId.set(area.area_id, area);
  }
  for (const area of areas) {
    if (area.tier === 1 ? area.parent_id !== 0 : byId.get(area.parent_id)?.tier !== area.tier - 1) {
      throw new Error(`${area.area_id} ${area.name}: parent ${area.parent_id} is not one tier up`);
    }
  }
}
