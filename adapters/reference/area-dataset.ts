import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Area } from '../../core/catalog/area.js';

/** One unit of the reference tree as the release ships it (the row id is the database's). */
export type AreaRecord = Omit<Area, 'id'>;

/** `resources/areas.json`, found from `dist/adapters/reference/` at run time. */
const DEFAULT_PATH = fileURLToPath(new URL('../../../resources/areas.json', import.meta.url));

/**
 * Reads the administrative tree derived by `scripts/data/areas/derive-areas.mjs` (6-digit codes,
 * provinces → cities → counties) and returns it in file order (by `areaId`).
 * Throws an error whose message starts with "malformed area dataset" when the file is missing,
 * not JSON, or breaks the tree's rules: a field of the wrong type, a code that is not 6 digits,
 * a duplicate code, a parent that is absent or not one tier up, an initial outside A-Z.
 * @param path the JSON file; defaults to the project's `resources/areas.json`
 */
export function loadAreaDataset(path: string = DEFAULT_PATH): AreaRecord[] {
  const fail = (why: string, cause?: unknown): never => {
    throw new Error(`malformed area dataset ${path}: ${why}`, cause === undefined ? undefined : { cause });
  };
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error), error);
  }
  const areas = (document as { areas?: unknown } | null)?.areas;
  if (!Array.isArray(areas) || areas.length === 0) return fail('"areas" must be a non-empty array');
  const records = areas.map((entry: unknown, index) => toRecord(entry) ?? fail(`areas[${index}] is not a valid area: ${JSON.stringify(entry)}`));
  const why = treeViolation(records);
  return why === null ? records : fail(why);
}

const CODE = /^[1-9]\d{5}$/;
const INITIAL = /^[A-Z]$/;

/** The record in `entry`, or null when a field is missing or of the wrong shape. */
function toRecord(entry: unknown): AreaRecord | null {
  if (typeof entry !== 'object' || entry === null) return null;
  const { area_id: areaId, name, parent_id: parentId, tier, initial } = entry as Record<string, unknown>;
  const valid =
    Number.isInteger(areaId) && CODE.test(String(areaId)) &&
    typeof name === 'string' && name.trim() !== '' &&
    (parentId === 0 || (Number.isInteger(parentId) && CODE.test(String(parentId)))) &&
    (tier === 1 || tier === 2 || tier === 3) &&
    typeof initial === 'string' && INITIAL.test(initial);
  return valid ? { areaId: areaId as number, name: name as string, parentId: parentId as number, tier, initial: initial as string } : null;
}

/** Why `records` do not form a tree (duplicate code, parent absent or not one tier up), or null. */
function treeViolation(records: readonly AreaRecord[]): string | null {
  const tierOf = new Map<number, number>();
  for (const record of records) {
    if (tierOf.has(record.areaId)) return `duplicate area_id ${record.areaId}`;
    tierOf.set(record.areaId, record.tier);
  }
  for (const { areaId, parentId, tier } of records) {
    const parentTier = parentId === 0 ? 0 : tierOf.get(parentId);
    if (parentTier !== tier - 1) return `area ${areaId} (tier ${tier}) has parent ${parentId}, not an area one tier up`;
  }
  return null;
}
