import type { Session, SessionEndEvent, SessionEvents } from '@sipkit/core';

/**
 * The next `event` of a call. Rejects after `timeoutMs`, or as soon as the call ends some other
 * way, naming the cause, so a failed call reads as "failed: Busy" rather than as a timeout.
 */
export function sessionEvent<K extends keyof SessionEvents>(
  session: Session,
  event: K,
  timeoutMs = 10_000,
): Promise<SessionEvents[K]> {
  return new Promise((resolve, reject) => {
    const offs: (() => void)[] = [];
    const done = (settle: () => void): void => {
      clearTimeout(timer);
      for (const off of offs) off();
      settle();
    };
    const timer = setTimeout(
      () => done(() => reject(new Error(`no "${event}" within ${timeoutMs} ms`))),
      timeoutMs,
    );
    offs.push(session.once(event, (payload) => done(() => resolve(payload))));
    for (const end of ['failed', 'ended'] as const) {
      if (end === event) continue;
      offs.push(
        session.once(end, ({ cause, originator }: SessionEndEvent) =>
          done(() => reject(new Error(`${end} (${originator}: ${cause}) before "${event}"`))),
        ),
      );
    }
  });
}
