import { readFileSync, readdirSync } from 'node:fs';
import { expect } from 'chai';
import { clientTypesSource } from '../../scripts/client/client-types.js';
import { CLIENT_TYPES_FILE, servedDocument } from '../../scripts/client/generate-client-types.js';

const ROOT = new URL('../../../', import.meta.url);
const DIST = new URL('client/dist/', ROOT);

describe('mini-program client package', function () {
  this.timeout(20_000);

  it('is plain CommonJS a miniprogram_npm takes: no Node built-in, no fetch, only its own files required', () => {
    const files = readdirSync(DIST).filter((name) => name.endsWith('.js'));
    expect(files).to.include.members(['index.js', 'client.js', 'api.js', 'wx.js']);
    for (const name of files) {
      const source = readFileSync(new URL(name, DIST), 'utf8');
      const required = [...source.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]!);
      expect(required.every((path) => path.startsWith('./')), `${name} requires ${required}`).to.equal(true);
      expect(source, name).to.not.match(/\bfetch\(|\bprocess\.|\bBuffer\b|node:|\bimport\(|\bexport /);
    }
    const manifest = JSON.parse(readFileSync(new URL('client/package.json', ROOT), 'utf8'));
    expect(manifest).to.include({ main: 'dist/index.js', miniprogram: 'dist' });
    expect(manifest).to.not.have.property('dependencies');
  });

  it('has the types of the API document the server serves (else: npm run client:types)', async () => {
    const committed = readFileSync(new URL(CLIENT_TYPES_FILE, ROOT), 'utf8');
    expect(committed === clientTypesSource(await servedDocument()), `${CLIENT_TYPES_FILE} is stale: run npm run client:types`).to.equal(true);
  });
});
