import { afterEach, describe, expect, it, vi } from 'vitest';
import { useProductionBuild } from '../testing/production-build.js';

// A production build (NODE_ENV=production) logs the codes of docs/errors/react.md instead of the
// sentences; the modules are imported afresh under that environment (Node reads it at load).
describe('@sipkit/react diagnostics in a production build', () => {
  useProductionBuild();
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('a UA that cannot be created is reported to the logger with its code, the error intact', async () => {
    const { SipClient } = await import('./sip-client.js');
    const errors: unknown[][] = [];
    const logger = {
      debug: () => undefined,
      warn: () => undefined,
      error: (...args: unknown[]) => errors.push(args),
    };
    const client = new SipClient({ uri: 'alice', sockets: [] }, { logger });
    await client.mount();
    await client.settled();
    expect(errors).toHaveLength(1);
    expect(errors[0]?.[0]).toBe('react.ua-not-created');
    expect(errors[0]?.[1]).toMatchObject({ name: 'ConfigurationError', parameter: 'uri' });
    expect(client.store.getState().error).toMatchObject({
      name: 'ConfigurationError',
      parameter: 'uri',
    });
    await client.unmount();
  });

  it('stays off the console without a logger, as before in production', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { SipClient } = await import('./sip-client.js');
    const client = new SipClient({ uri: 'alice', sockets: [] });
    await client.mount();
    await client.settled();
    expect(client.store.getState().error?.name).toBe('ConfigurationError');
    expect(consoleError).not.toHaveBeenCalled();
    await client.unmount();
  });

  it('an action that needs a UA throws with its code when none runs', async () => {
    const { SipClient } = await import('./sip-client.js');
    const client = new SipClient(
      { uri: 'sip:alice@example.com', sockets: [] },
      { autoStart: false },
    );
    expect(() => client.actions.call('bob')).toThrow(/^react\.no-ua call$/);
  });
});
