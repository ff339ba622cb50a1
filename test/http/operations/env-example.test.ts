import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../../apps/composition/config.js';

const EXAMPLE = fileURLToPath(new URL('../../../../.env.example', import.meta.url));
/** Read by `npm run sandbox`, not by the app's configuration. */
const SANDBOX_VARIABLES = ['SANDBOX_PORT', 'SANDBOX_HOST'];

function exampleEntries(): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of readFileSync(EXAMPLE, 'utf8').split('\n')) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!match) continue;
    if (entries.has(match[1]!)) throw new Error(`${match[1]} is listed twice in .env.example`);
    entries.set(match[1]!, match[2]!);
  }
  return entries;
}

/** Every variable `loadConfig` looks at, over the environments that open its branches. */
function variablesRead(): Set<string> {
  const read = new Set<string>();
  const branches: Array<Record<string, string>> = [{}, { APP_ENV: 'production' }, { TENCENT_SMS_SECRET_ID: 'id' }, { GEOCODER: 'tencent' }];
  for (const branch of branches) {
    const env = new Proxy(branch, {
      get(target, name) {
        if (typeof name === 'string') read.add(name);
        return Reflect.get(target, name);
      },
    });
    try {
      loadConfig(env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
    }
  }
  return read;
}

describe('.env.example', () => {
  it('lists every variable the configuration reads, and none it does not', () => {
    const listed = [...exampleEntries().keys()];
    const read = [...variablesRead()];
    expect(read.filter((name) => !listed.includes(name)), 'read but not in .env.example').to.deep.equal([]);
    expect(listed.filter((name) => !read.includes(name) && !SANDBOX_VARIABLES.includes(name)), 'in .env.example but never read').to.deep.equal([]);
  });

  it('is a valid configuration as it stands, equal to the defaults', () => {
    const entries = Object.fromEntries(exampleEntries());
    const example = loadConfig(entries);
    expect(example).to.deep.equal(loadConfig({}));
  });
});
