/**
 * One step of a scripted remote party. Steps run in order; `wait` pauses, `await-*` wait for the
 * call to get somewhere, the rest act on the bot's current call (or place one).
 *
 * @example
 * const answerAndHangUp: BotStep[] = [
 *   { do: 'await-call' }, { wait: 1500 }, { do: 'answer' }, { wait: 20_000 }, { do: 'hangup' },
 * ];
 */
export type BotStep =
  | { readonly wait: number }
  | { readonly do: 'call'; readonly target: string }
  | { readonly do: 'await-call' }
  | { readonly do: 'answer' }
  | { readonly do: 'decline'; readonly status?: number }
  | { readonly do: 'await-confirmed' }
  | { readonly do: 'dtmf'; readonly tones: string }
  | { readonly do: 'hold' }
  | { readonly do: 'unhold' }
  /** Adds a synthetic camera to the call (re-INVITE, `addVideo` of the core). */
  | { readonly do: 'add-video' }
  /** Shares a synthetic screen (`shareScreen` of the core: `a=content:slides`). */
  | { readonly do: 'share-screen' }
  | { readonly do: 'stop-screen-share' }
  | { readonly do: 'message'; readonly target: string; readonly body: string }
  | { readonly do: 'hangup' }
  | { readonly do: 'await-end' };

/** Rings for `ringMs`, answers, talks for `talkMs`, hangs up; then waits for the next call. */
export function answerAfter(ringMs: number, talkMs = 60_000): readonly BotStep[] {
  return [
    { do: 'await-call' },
    { wait: ringMs },
    { do: 'answer' },
    { do: 'await-confirmed' },
    { wait: talkMs },
    { do: 'hangup' },
  ];
}

/** Calls `target` after `delayMs` and lets it ring until answered or declined, then waits. */
export function callAfter(target: string, delayMs = 0): readonly BotStep[] {
  return [{ wait: delayMs }, { do: 'call', target }, { do: 'await-end' }, { wait: 60_000 }];
}
