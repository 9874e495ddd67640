/**
 * What the device's network did: came back (`online`), went away (`offline`), or changed under
 * the connection (`changed`: another interface, Wi-Fi to mobile data, `navigator.connection`).
 */
export type NetworkChange = 'online' | 'offline' | 'changed';

/**
 * Where a UA learns of network changes, injectable like the `Clock`: the default watches the
 * browser (`browserNetwork()`); tests drive their own; in Node or a server render there is none.
 *
 * @example
 * const listeners = new Set<(change: NetworkChange) => void>();
 * const network: NetworkEnvironment = {
 *   watch: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
 * };
 * new UA(configuration, { network });
 * listeners.forEach((l) => l('online'));
 */
export interface NetworkEnvironment {
  /** Calls `listener` on every change from now on; returns the function that stops it. */
  watch(listener: (change: NetworkChange) => void): () => void;
}

/** The part of `EventTarget` a network source needs. */
interface EventSource {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

function isEventSource(value: unknown): value is EventSource {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as EventSource).addEventListener === 'function' &&
    typeof (value as EventSource).removeEventListener === 'function'
  );
}

/**
 * The browser's network events: `online` / `offline` on the window and, where the Network
 * Information API exists, `navigator.connection`'s `change` (reported as `changed`). Undefined
 * where there is no window to listen on (Node, SSR, workers without these events), so a UA
 * there watches nothing.
 *
 * @example new UA(configuration, { network: browserNetwork() ?? null });
 */
export function browserNetwork(scope: unknown = globalThis): NetworkEnvironment | undefined {
  if (!isEventSource(scope) || typeof (scope as { navigator?: unknown }).navigator !== 'object') {
    return undefined;
  }
  const window = scope;
  return {
    watch: (listener) => {
      const online = (): void => listener('online');
      const offline = (): void => listener('offline');
      const changed = (): void => listener('changed');
      const connection = (window as { navigator?: { connection?: unknown } }).navigator?.connection;
      window.addEventListener('online', online);
      window.addEventListener('offline', offline);
      if (isEventSource(connection)) connection.addEventListener('change', changed);
      return () => {
        window.removeEventListener('online', online);
        window.removeEventListener('offline', offline);
        if (isEventSource(connection)) connection.removeEventListener('change', changed);
      };
    },
  };
}

/**
 * How long a probe of the open connection may go unanswered after a network change before the
 * UA reconnects (ms). A round trip on a working mobile link is well under a second; an interface
 * that disappeared answers never, and is noticed within this instead of a 30 s consent timeout.
 */
export const NETWORK_PROBE_TIMEOUT_MS = 2000;

/** What a network change does to the connection; the transport's two recovery moves. */
export interface NetworkReactions {
  /** Probe the open connection (reconnect if it does not answer in time). */
  probe(timeout: number, reason: string): void;
  /** Reconnect now, skipping any recovery wait. */
  reconnect(reason: string, blameServer: boolean): void;
  isConnected(): boolean;
}

/**
 * Applies one network change to the transport: back `online` or `changed` while disconnected
 * reconnects at once (the backoff wait was for a server, not for our own network); any change
 * while connected makes the connection suspect, so it is probed. `offline` only probes: a
 * reconnection is pointless until the network is back, and the probe fails fast when the
 * interface is gone.
 */
export function reactToNetwork(change: NetworkChange, transport: NetworkReactions): void {
  const reason = change === 'changed' ? 'network changed' : `network ${change}`;
  if (transport.isConnected()) return transport.probe(NETWORK_PROBE_TIMEOUT_MS, reason);
  if (change !== 'offline') transport.reconnect(reason, false);
}
