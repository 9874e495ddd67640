import type { MediaPort, MediaRpcMessage } from '../media-rpc.js';

/**
 * In-memory `MediaPort`s for tabs of one group, delivering like `BroadcastChannel`: later (a
 * zero-delay timer each, so fake timers drive it), in order, never to the sender, and as a
 * structured clone (a function or stream in a message throws here as it would there).
 */
export function mediaPortHub() {
  const listeners = new Map<string, Set<(message: MediaRpcMessage, from: string) => void>>();
  const closed = new Set<string>();
  /** Every message sent, in order, as `from -> to: kind`. */
  const log: string[] = [];
  const port = (tab: string): MediaPort => ({
    send(message, to) {
      const copy = structuredClone(message);
      log.push(`${tab} -> ${to}: ${describe(message)}`);
      setTimeout(() => {
        if (closed.has(tab) || closed.has(to)) return;
        for (const listener of listeners.get(to) ?? []) listener(copy, tab);
      }, 0);
    },
    onMessage(listener) {
      const set = listeners.get(tab) ?? new Set();
      listeners.set(tab, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  });
  /** The tab closes: nothing reaches it or leaves it any more. */
  const closeTab = (tab: string): void => {
    closed.add(tab);
  };
  return { port, closeTab, log };
}

function describe(message: MediaRpcMessage): string {
  switch (message.kind) {
    case 'request':
      return `request ${message.method}`;
    case 'command':
      return `command ${message.command}`;
    case 'event':
      return `event ${message.event}`;
    default:
      return message.kind;
  }
}
