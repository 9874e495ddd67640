import {
  coordinatorMediaPort,
  createRemoteMediaHandler,
  serveMediaHandlers,
  type MediaPort,
} from '@sipkit/core';
import type { TabGroup, TabMessage } from './tab-group.js';
import type { ServedMedia, TabsMedia } from './tabs-plugins.js';

/**
 * The core's media proxy over a tab group: topic `media/rpc`, addressed to one tab.
 *
 * @example const port = mediaPortOf(group); createRemoteMediaHandler(port, 't2', callKey);
 */
export function mediaPortOf(group: TabGroup): MediaPort {
  // The core's `coordinatorMediaPort` over this structural `TabGroup` (which fakes fit too).
  return coordinatorMediaPort({
    send: (topic, body, to) => {
      group.send(topic, body, to);
      return true;
    },
    on: ((event: 'message', listener: (message: TabMessage) => void) =>
      group.on(event, listener)) as Parameters<typeof coordinatorMediaPort>[0]['on'],
  });
}

/**
 * Media where the person is: the owner's sessions get `RemoteMediaHandler`s whose peer
 * connection lives in the tab that placed or answered the call; that tab serves them and hands
 * their streams to its store (for `<RemoteAudio>` and the local stream hooks).
 *
 * @example createSharedTabs({ media: coreTabsMedia })
 */
export const coreTabsMedia: TabsMedia = {
  remoteHandler: (group, tabId, key) => createRemoteMediaHandler(mediaPortOf(group), tabId, key),
  serve(group, factory): ServedMedia {
    const server = serveMediaHandlers(mediaPortOf(group), (options) => factory(options));
    const listeners = new Set<() => void>();
    const changed = (): void => {
      for (const listener of [...listeners]) listener();
    };
    const offs = [
      server.on('handler', ({ handler }) => {
        // The far end's tracks arrive after the handler is made; the local stream with the
        // first SDP, which the owner learns of (and publishes) right after.
        handler.on('remotestream', changed);
        changed();
      }),
      server.on('handlerclosed', changed),
    ];
    return {
      streamsOf(key) {
        const handler = server.handlerFor(key);
        return handler && { local: handler.localStream, remote: handler.remoteStream };
      },
      handlerOf: (key) => server.handlerFor(key),
      onChange(listener) {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
      stop() {
        for (const off of offs) off();
        listeners.clear();
        server.close();
      },
    };
  },
};
