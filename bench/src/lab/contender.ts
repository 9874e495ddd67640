import type { Socket } from '@sipkit/core';

/** A started, registered UA of one library, driven the same way for every library. */
export interface LabPhone {
  /** Calls `target`; resolves once the call is confirmed (200 received, ACK sent). */
  call(target: string): Promise<LabCall>;
  /** From now on, answers every incoming call (with fake media). */
  autoAnswer(): void;
  /** Calls the UA holds now, in any state. */
  liveCalls(): number;
  stop(): Promise<void>;
}

export interface LabCall {
  /** Sends BYE; resolves once the call has ended. */
  hangup(): Promise<void>;
}

/** One library as the memory and scale benchmarks use it. */
export interface Contender {
  readonly id: string;
  readonly label: string;
  readonly version: string;
  /** A UA for `user` with its own WebSocket URL and password, constructed but not started. */
  idle(user: string): unknown;
  /** A UA for `user` started on `socket` (any object with JsSIP's socket shape) (fake media), resolved once registered. */
  registered(socket: Socket, user: string): Promise<LabPhone>;
}

export const contenderIds = ['sipkit', 'jssip', 'sipjs'] as const;
export type ContenderId = (typeof contenderIds)[number];

/** Loads one library only, so a worker's heap and JIT hold nothing of the others. */
export async function loadContender(id: ContenderId): Promise<Contender> {
  switch (id) {
    case 'sipkit':
      return (await import('./contenders/sipkit.js')).sipkit;
    case 'jssip':
      return (await import('./contenders/jssip.js')).jssip();
    case 'sipjs':
      return (await import('./contenders/sipjs.js')).sipjs;
  }
}

/** Rejects after `ms`: a UA that never answers must fail the benchmark, not hang it. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
