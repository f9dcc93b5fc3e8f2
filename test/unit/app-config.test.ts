import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config/app-config.js';

describe(loadConfig.name, () => {
  it('runs on the embedded database with no settings at all', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.port).toBe(3000);
    expect(config.embeddedPostgresPort).not.toBe(5432);
    expect(config.dataDir).toBeUndefined();
  });

  it('treats an empty setting as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, /^Invalid configuration: PORT /],
    [{ DATABASE_URL: 'mysql://localhost/ehc' }, /^Invalid configuration: DATABASE_URL must be a postgres/],
    [{ LOCAL_AUTHORITY_CODE: 'lower case' }, /^Invalid configuration: LOCAL_AUTHORITY_CODE /],
    [{ LOG_LEVEL: 'loud' }, /^Invalid configuration: LOG_LEVEL /],
  ])('stops with one line naming the bad setting: %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });
});
