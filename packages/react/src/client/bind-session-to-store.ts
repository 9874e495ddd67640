import type { Session, SessionEvents } from '@sipkit/core';
import { snapshotCall, type CallExtras } from '../store/call-state.js';
import type { SipStore } from '../store/create-sip-store.js';
import { putCall } from '../store/sip-updates.js';
import { holdTransferRequest, takeTransferRequest } from './pending-transfers.js';

// Events after which the session's own getters (status, hold, mute, streams, times) have news.
const SNAPSHOT_EVENTS = [
  'statuschange',
  'progress',
  'accepted',
  'confirmed',
  'hold',
  'unhold',
  'muted',
  'unmuted',
  'remotestream',
  // The local stream exists once the first local SDP is made, and no other event says so.
  'sdp',
] as const satisfies readonly (keyof SessionEvents)[];

/**
 * Mirrors one session into the store from its first event to its end, then lets go of it.
 * Returns a function that stops mirroring early (when the UA is torn down).
 *
 * @example
 * ua.on('newRTCSession', ({ session }) => unbinds.push(bindSessionToStore(session, store)));
 */
export function bindSessionToStore(session: Session, store: SipStore): () => void {
  const update = (extras: Partial<CallExtras> = {}): void => {
    store.setState((state) =>
      putCall(state, snapshotCall(session, state.calls[session.id], extras)),
    );
  };
  const offs: (() => void)[] = SNAPSHOT_EVENTS.map((event) => session.on(event, () => update()));
  const unbind = (): void => {
    for (const off of offs.splice(0)) off();
  };
  offs.push(
    session.on('newDTMF', ({ dtmf, originator }) =>
      update({ lastDtmf: { tone: dtmf.tone, originator } }),
    ),
    session.on('referProgress', ({ status, final }) => {
      const transfer = store.getState().calls[session.id]?.transfer;
      if (transfer === undefined) return;
      const outcome = status >= 200 && status < 300 ? 'succeeded' : 'failed';
      update({ transfer: { ...transfer, status: final ? outcome : 'accepted', code: status } });
    }),
  );
  offs.push(
    // The state itself is read from session.connectionState; the event adds why and which path.
    session.on('connection', ({ path, reason }) =>
      update({ connectionPath: path, connectionReason: reason }),
    ),
  );
  offs.push(
    // With a listener the core waits for accept/reject instead of declining: the user decides.
    session.on('refer', (refer) => {
      holdTransferRequest(session, refer);
      update({ transferRequest: { target: refer.target } });
    }),
  );
  for (const event of ['ended', 'failed'] as const) {
    offs.push(
      session.on(event, ({ originator }) => {
        takeTransferRequest(session)?.reject();
        update({ endedBy: originator, transferRequest: undefined });
        unbind();
      }),
    );
  }
  update();
  return unbind;
}
