import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../../apps/composition/config.js';

const MAIN = fileURLToPath(new URL('../../../apps/main.js', import.meta.url));

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration checked at start', () => {
  it('lists every problem, one line each naming its variable, not only the first', () => {
    const problems = problemsOf({
      APP_ENV: 'production',
      PORT: 'eighty',
      BODY_LIMIT_BYTES: '1e6',
      WECHAT_MODE: 'maybe',
      METRICS_PUBLIC: 'yes',
      DATABASE_URL: 'postgres://x',
      HOT_CITY_IDS: '110100,abc',
      GEOCODER: 'tencent',
      LOG_LEVEL: 'loud',
      PUBLIC_BASE_URL: 'not a url',
    });
    const named = (variable: string) => problems.filter((line) => line.includes(variable));
    for (const variable of ['PORT', 'BODY_LIMIT_BYTES', 'METRICS_PUBLIC', 'DATABASE_URL', 'HOT_CITY_IDS', 'TENCENT_LBS_KEY', 'LOG_LEVEL', 'PUBLIC_BASE_URL', 'SECRET_KEY', 'TENCENT_SMS']) {
      expect(named(variable), variable).to.have.length(1);
    }
    // Production is always live: WECHAT_MODE is not read there, so it is no problem.
    expect(named('WECHAT_MODE')).to.deep.equal([]);
    expect(problems).to.have.length(10);
    for (const line of problems) expect(line).not.to.include('\n');
  });

  it('accepts a configuration without problems, and the defaults', () => {
    expect(problemsOf({})).to.deep.equal([]);
    const config = loadConfig({ METRICS_PUBLIC: '1', TRUST_PROXY: '2' });
    expect(config.metricsPublic).to.equal(true);
    expect(config.trustProxy).to.equal(2);
    expect(loadConfig({}).metricsPublic).to.equal(false);
  });

  it('stops `npm start` with one line per problem on stderr and exit code 1, before touching the database', () => {
    const run = spawnSync(process.execPath, [MAIN], {
      env: { PATH: process.env['PATH'], PORT: '-1', SMS_DAILY_PER_MOBILE: 'lots', DATABASE_URL: 'sqlite:/nonexistent-dir/never/o2o.sqlite' },
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(run.status).to.equal(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).to.have.length(2);
    expect(lines[0]).to.match(/^o2o-user-api failed to start: PORT must be an integer from 0 to 65535, not "-1"$/);
    expect(lines[1]).to.match(/^o2o-user-api failed to start: SMS_DAILY_PER_MOBILE must be an integer/);
    expect(run.stdout).to.equal('');
  });
});
