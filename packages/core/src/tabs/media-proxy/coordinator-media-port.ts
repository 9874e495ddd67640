import type { TabCoordinator } from '../tab-coordinator.js';
import type { MediaPort, MediaRpcMessage } from './media-rpc.js';

/** The channel topic the media proxy's messages travel under. */
export const MEDIA_RPC_TOPIC = 'media/rpc';

/**
 * The `MediaPort` of a tab: the media proxy's messages as addressed `media/rpc` messages of its
 * `TabCoordinator`. A body that is not shaped like one (another version of the app in the same
 * group) is ignored.
 *
 * @example
 * ```ts
 * const port = coordinatorMediaPort(coordinator);
 * const server = serveMediaHandlers(port, createWebRtcMediaHandler);
 * ```
 */
export function coordinatorMediaPort(coordinator: Pick<TabCoordinator, 'send' | 'on'>): MediaPort {
  return {
    send: (message, to) => void coordinator.send(MEDIA_RPC_TOPIC, message, to),
    onMessage: (listener) =>
      coordinator.on('message', ({ from, topic, body }) => {
        if (topic === MEDIA_RPC_TOPIC && isMediaRpcMessage(body)) listener(body, from);
      }),
  };
}

function isMediaRpcMessage(body: unknown): body is MediaRpcMessage {
  if (typeof body !== 'object' || body === null) return false;
  const { kind, callKey } = body as { readonly kind?: unknown; readonly callKey?: unknown };
  return typeof kind === 'string' && typeof callKey === 'string';
}
