import { describe, expect, it } from 'vitest';
import { caught, useProductionBuild } from '../diagnostics/testing/production-build.js';

// A production build (bundlers set NODE_ENV=production) keeps the codes of docs/errors and drops
// the sentences; Node reads the real environment, so the modules are imported afresh under it.
// The errors keep their class, name and fields: only the text is shorter.
describe('UA diagnostics in a production build', () => {
  useProductionBuild();

  it('configuration errors read code, values, parameter', async () => {
    const { normalizeConfiguration } = await import('./normalize-configuration.js');
    const { ConfigurationError } = await import('./configuration-error.js');
    const { WebSocketInterface } = await import('../transport/index.js');
    const base = {
      uri: 'sip:alice@example.com',
      password: 'secret',
      sockets: new WebSocketInterface('wss://sip.example.com'),
    };

    const count = caught(() => normalizeConfiguration({ ...base, register_expires: -5 }));
    expect(count).toBeInstanceOf(ConfigurationError);
    expect(count.name).toBe('ConfigurationError');
    expect((count as InstanceType<typeof ConfigurationError>).parameter).toBe('register_expires');
    expect(count.message).toBe('config.not-whole-number -5 min=1 (parameter "register_expires")');

    expect(caught(() => normalizeConfiguration({ uri: 42 })).message).toBe(
      'config.not-sip-uri, got a number (parameter "uri")',
    );
    expect(caught(() => normalizeConfiguration({ ...base, extra: 1 })).message).toBe(
      'config.unknown (parameter "extra")',
    );
  });

  it('a secret stays out of the production text too', async () => {
    const { normalizeConfiguration } = await import('./normalize-configuration.js');
    const error = caught(() =>
      normalizeConfiguration({ uri: 'sip:alice@example.com', password: 'hunter2\r\nVia: x' }),
    );
    expect(error.message).toBe('config.control-character the value (parameter "password")');
    expect(error.message).not.toContain('hunter2');
  });

  it('option and target errors read code, values, parameter', async () => {
    const { checkExtraHeaders } = await import('./option-checks.js');
    const { InvalidOptionError } = await import('./invalid-option-error.js');
    const { normalizeTarget, InvalidTargetError } = await import('./target.js');

    const option = caught(() => checkExtraHeaders(['X-Ok: 1', 'Via: SIP/2.0/WSS x']));
    expect(option).toBeInstanceOf(InvalidOptionError);
    expect((option as InstanceType<typeof InvalidOptionError>).parameter).toBe('extraHeaders[1]');
    expect(option.message).toBe('option.stack-header Via (parameter "extraHeaders[1]")');

    const target = caught(() => normalizeTarget('  ', 'example.com'));
    expect(target).toBeInstanceOf(InvalidTargetError);
    expect(target.message).toBe('target.empty (target "  ")');
  });

  it('the UA refuses an option and an early call with codes', async () => {
    const { UA } = await import('./ua.js');
    const { WebSocketInterface } = await import('../transport/index.js');
    const configuration = {
      uri: 'sip:alice@example.com',
      sockets: new WebSocketInterface('wss://sip.example.com'),
    };
    expect(caught(() => new UA(configuration, { connectTimeout: -1 })).message).toBe(
      'option.seconds (parameter "connectTimeout")',
    );
    const ua = new UA(configuration);
    expect(caught(() => ua.call('bob')).message).toBe('ua.call-when ready');
  });

  it('warnings in the log are codes with their values', async () => {
    const { registerTagTrail } = await import('./register-tag-trail.js');
    const warnings: string[] = [];
    expect(
      registerTagTrail(
        () => 'not a token',
        (line) => warnings.push(line),
      ),
    ).toBe('');
    expect(warnings).toEqual(['ua.tag-trail-not-token']);
  });
});
