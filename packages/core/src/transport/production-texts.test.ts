import { describe, expect, it } from 'vitest';
import { caught, useProductionBuild } from '../diagnostics/testing/production-build.js';

// See ua/production-texts.test.ts: the same modules, imported afresh with NODE_ENV=production.
describe('transport diagnostics in a production build', () => {
  useProductionBuild();

  it('TransportError keeps its code and parameter, with a coded text', async () => {
    const { parseWebSocketUrl } = await import('./websocket-url.js');
    const { normalizeSockets } = await import('./sockets-configuration.js');
    const { resolveTransportOptions } = await import('./transport-options.js');
    const { TransportError } = await import('./transport-error.js');

    const scheme = caught(() => parseWebSocketUrl('http://sip.example.com'));
    expect(scheme).toBeInstanceOf(TransportError);
    expect(scheme).toMatchObject({ code: 'unsupported-scheme', parameter: 'url' });
    expect(scheme.message).toBe('transport.url-scheme "http://sip.example.com"');

    expect(caught(() => normalizeSockets([])).message).toBe('transport.sockets-empty');
    expect(caught(() => resolveTransportOptions({ keep_alive_timeout: 0 })).message).toBe(
      'transport.seconds keep_alive_timeout 0',
    );
  });

  it('a bad socket in the UA configuration is a ConfigurationError with the transport code', async () => {
    const { normalizeConfiguration } = await import('../ua/normalize-configuration.js');
    expect(
      caught(() => normalizeConfiguration({ uri: 'sip:alice@example.com', sockets: [{}] })).message,
    ).toBe(
      'transport.sockets-not-socket sockets[0]: transport.member-not-string via_transport (parameter "sockets")',
    );
  });
});
