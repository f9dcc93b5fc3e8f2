import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config/app-config.js';

describe('web page settings', () => {
  it('trusts no proxy and ends idle sessions after 30 minutes by default', () => {
    expect(loadConfig({}).web).toEqual({ trustProxy: false, sessionIdleMinutes: 30 });
  });

  it.each([
    ['1', 1],
    ['loopback', ['loopback']],
    ['10.0.0.0/8, 192.168.1.5', ['10.0.0.0/8', '192.168.1.5']],
  ])('takes TRUST_PROXY=%s as a hop count or a list of addresses', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).web.trustProxy).toEqual(expected);
  });

  it.each(['true', '*', 'proxy.example'])('refuses TRUST_PROXY=%s, which would let any client claim TLS or another address', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/^Invalid configuration: TRUST_PROXY /);
  });

  it('refuses an idle timeout shorter than 5 minutes', () => {
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '1' })).toThrow(/SESSION_IDLE_MINUTES/);
  });
});
