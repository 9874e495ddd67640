import type { SipClient, SipState } from '@sipkit/react';

/**
 * One step of what "you" do in a story, through the same actions the components use: so a story
 * can open in a call, on hold or muted by real signalling rather than by faked props.
 *
 * @example const onHold: YouStep[] = [{ dial: 'bob' }, { await: 'confirmed' }, { do: 'hold' }];
 */
export type YouStep =
  | { readonly dial: string; readonly video?: boolean }
  | { readonly await: 'registered' | 'ringing' | 'confirmed' | 'ended' }
  | { readonly do: 'answer' | 'decline' | 'hold' | 'mute' | 'hangup' }
  | { readonly wait: number };

/**
 * Runs `steps` against a provider's client until done or `signal` aborts. Dialling waits for the
 * registration first, as a person would.
 *
 * @example void runYouScript(client, [{ dial: 'bob' }], controller.signal);
 */
export async function runYouScript(
  client: SipClient,
  steps: readonly YouStep[],
  signal: AbortSignal,
): Promise<void> {
  const { store, actions } = client;
  const current = (): string => store.getState().currentCallId ?? '';
  for (const step of steps) {
    if (signal.aborted) return;
    if ('dial' in step) {
      await until(client, signal, (s) => s.registration.status === 'registered');
      if (signal.aborted) return;
      actions.call(
        step.dial,
        step.video === true ? { mediaConstraints: { audio: true, video: true } } : {},
      );
    } else if ('await' in step) {
      await until(client, signal, CONDITIONS[step.await]);
    } else if ('wait' in step) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, step.wait);
        signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
    } else if (step.do === 'answer') {
      actions.answer(store.getState().incomingCallIds[0] ?? '');
    } else if (step.do === 'decline') {
      actions.decline(store.getState().incomingCallIds[0] ?? '');
    } else if (step.do === 'hold') {
      await actions.hold(current());
    } else if (step.do === 'mute') {
      actions.mute(current());
    } else {
      actions.hangup(current());
    }
  }
}

const CONDITIONS: Record<
  'registered' | 'ringing' | 'confirmed' | 'ended',
  (s: SipState) => boolean
> = {
  registered: (s) => s.registration.status === 'registered',
  ringing: (s) => s.incomingCallIds.length > 0,
  confirmed: (s) => s.calls[s.currentCallId ?? '']?.status === 'confirmed',
  ended: (s) => s.calls[s.currentCallId ?? '']?.status === 'terminated',
};

function until(
  client: SipClient,
  signal: AbortSignal,
  ready: (s: SipState) => boolean,
): Promise<void> {
  return new Promise<void>((resolve) => {
    if (ready(client.store.getState())) return resolve();
    const done = (): void => {
      off();
      signal.removeEventListener('abort', done);
      resolve();
    };
    const off = client.store.subscribe((state) => {
      if (ready(state)) done();
    });
    signal.addEventListener('abort', done, { once: true });
  });
}
