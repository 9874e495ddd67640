import { describe, expect, it } from 'vitest';
import { caught, useProductionBuild } from '../diagnostics/testing/production-build.js';

// A production build (bundlers set NODE_ENV=production) keeps the codes of docs/errors/tabs.md
// and drops the sentences; Node reads the real environment, so the modules are imported afresh
// under it. The errors keep their class, name and fields: only the text is shorter.
describe('multi-tab diagnostics in a production build', () => {
  useProductionBuild();

  it('TabCoordinator refuses options and topics with codes, parameter kept', async () => {
    const { TabCoordinator } = await import('./tab-coordinator.js');
    const { TabCoordinatorError } = await import('./tab-coordinator-error.js');
    const locks = { request: () => new Promise(() => undefined) } as never;
    const openChannel = (() => ({})) as never;

    const group = caught(() => new TabCoordinator({ group: '', locks, openChannel }));
    expect(group).toBeInstanceOf(TabCoordinatorError);
    expect(group.name).toBe('TabCoordinatorError');
    expect((group as InstanceType<typeof TabCoordinatorError>).parameter).toBe('group');
    expect(group.message).toBe('tabs.group');

    expect(
      caught(() => new TabCoordinator({ group: 'g', heartbeatInterval: -5, locks, openChannel }))
        .message,
    ).toBe('tabs.heartbeat-interval -5');

    const coordinator = new TabCoordinator({ group: 'g', locks, openChannel });
    const topic = caught(() => coordinator.send('tabs/presence', {}));
    expect((topic as InstanceType<typeof TabCoordinatorError>).parameter).toBe('topic');
    expect(topic.message).toBe('tabs.reserved-topic tabs/presence');
  });

  it('tabGroupOf refuses a configuration without a uri with the config code', async () => {
    const { tabGroupOf } = await import('./tab-group.js');
    const error = caught(() => tabGroupOf({ uri: ' ', sockets: [] as never }));
    expect(error.name).toBe('ConfigurationError');
    expect(error.message).toBe('config.not-sip-uri (parameter "uri")');
  });

  it('a remote media handler rejects with codes once closed or once its tab is gone', async () => {
    const { createRemoteMediaHandler } = await import('./media-proxy/remote-media-handler.js');
    const { MediaTabGoneError } = await import('./media-proxy/media-tab-gone-error.js');
    const { mediaPortHub } = await import('./media-proxy/testing/media-port-hub.js');
    const hub = mediaPortHub();
    const options = { options: { mediaConstraints: { audio: true, video: false } } };

    const closed = createRemoteMediaHandler(hub.port('owner'), 'media', 'call-1', options);
    closed.close();
    const closedError = await closed.getStats().catch((error: unknown) => error as Error);
    expect(closedError).toMatchObject({
      name: 'InvalidStateError',
      message: 'tabs.media-closed getStats',
    });

    const gone = createRemoteMediaHandler(hub.port('owner'), 'media', 'call-2', options);
    gone.mediaTabGone();
    const goneError = await gone.rollback().catch((error: unknown) => error as Error);
    expect(goneError).toBeInstanceOf(MediaTabGoneError);
    expect(goneError).toMatchObject({
      name: 'MediaTabGoneError',
      mediaTab: 'media',
      callKey: 'call-2',
      method: 'rollback',
      reason: 'closed',
      message: 'tabs.media-tab-gone closed rollback tab=media call=call-2',
    });
  });
});
