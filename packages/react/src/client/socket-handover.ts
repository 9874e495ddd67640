import { normalizeSockets, type Socket, type SocketsConfiguration } from '@sipkit/core';

// A socket has one set of callbacks, so one owner at a time. When a provider is replaced (a new
// `key`, logging out and in) while the old one is still stopping, both UAs would drive the same
// socket objects, and the old one's final disconnect would cut the new one's connection. So a
// UA that stops records the promise of its stop against its sockets, and a new UA waits for it.
// The record is keyed by the socket objects themselves, which are shared beyond any provider;
// it holds no provider's state and forgets sockets that are garbage-collected.
const stopping = new WeakMap<Socket, Promise<void>>();

/**
 * The socket objects of a `sockets` configuration; none for an invalid one (the UA constructor
 * reports that).
 *
 * @example socketsOf([{ socket: a, weight: 1 }, b]) // [a, b]
 */
export function socketsOf(sockets: SocketsConfiguration): Socket[] {
  try {
    return normalizeSockets(sockets).map((entry) => entry.socket);
  } catch {
    return [];
  }
}

/**
 * Records that `sockets` are in use until `stopped` settles.
 *
 * @example releaseAfter(socketsOf(config.sockets), ua.stop());
 */
export function releaseAfter(sockets: readonly Socket[], stopped: Promise<unknown>): void {
  const released = stopped.then(
    () => undefined,
    () => undefined,
  );
  for (const socket of sockets) stopping.set(socket, released);
  void released.then(() => {
    for (const socket of sockets) if (stopping.get(socket) === released) stopping.delete(socket);
  });
}

/**
 * Resolves once no UA is stopping on any of `sockets`; undefined when none is (start at once).
 *
 * @example const busy = whenReleased(sockets); if (busy !== undefined) await busy;
 */
export function whenReleased(sockets: readonly Socket[]): Promise<void> | undefined {
  const pending = sockets.flatMap((socket) => {
    const released = stopping.get(socket);
    return released === undefined ? [] : [released];
  });
  return pending.length === 0 ? undefined : Promise.all(pending).then(() => undefined);
}
