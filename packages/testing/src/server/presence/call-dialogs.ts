import type { DialogInfoInit, DialogInfoState, DialogParticipant } from '@sipkit/core';
import { BoundedMap } from '../bounded-map.js';

/** A dialog entry as `buildDialogInfo` takes it. */
export type DialogEntry = DialogInfoInit['dialogs'][number];

/** One party of a call the proxy carries: the AOR it is ours for, and how it shows. */
export interface CallParty {
  readonly aor: string;
  readonly participant: DialogParticipant;
}

interface TrackedCall {
  readonly callId: string;
  readonly fromTag: string | undefined;
  toTag: string | undefined;
  state: DialogInfoState;
  readonly caller: CallParty | undefined;
  readonly callee: CallParty | undefined;
  /** Connections the call runs over: when one closes, the call is gone (RFC 5626 §5.3). */
  readonly connections: Set<string>;
}

/**
 * The dialogs of the calls the proxy carries, seen from each local party (RFC 4235 §3.7.1):
 * `trying` when the INVITE passes, `early` with a provisional response carrying a to-tag,
 * `confirmed` with a 2xx, gone when the INVITE fails, a BYE passes or a connection of the call
 * closes. Bounded: past `max` calls the oldest is forgotten (its lamps go idle).
 *
 * @example calls.started(invite, caller, callee, 'c1'); calls.dialogsOf('bob@sip.test')
 */
export class CallDialogs {
  readonly #calls: BoundedMap<string, TrackedCall>;
  readonly #changed: (aor: string) => void;

  constructor(max: number, changed: (aor: string) => void) {
    this.#calls = new BoundedMap(max);
    this.#changed = changed;
  }

  started(
    call: { callId: string; fromTag: string | undefined },
    caller: CallParty | undefined,
    callee: CallParty | undefined,
    connectionId: string,
  ): void {
    if (
      (caller === undefined && callee === undefined) ||
      this.#calls.get(call.callId) !== undefined
    )
      return;
    this.#calls.set(call.callId, {
      ...call,
      toTag: undefined,
      state: 'trying',
      caller,
      callee,
      connections: new Set([connectionId]),
    });
    this.#announce(call.callId);
  }

  /** A provisional (`early`) or 2xx (`confirmed`) response came from `connectionId`. */
  progressed(
    callId: string,
    state: 'early' | 'confirmed',
    toTag: string | undefined,
    connectionId: string,
  ): void {
    const call = this.#calls.get(callId);
    if (call === undefined || call.state === 'confirmed') return;
    if (state === 'early' && toTag === undefined) return; // RFC 4235 §3.7.1: early needs a to-tag
    call.state = state;
    call.toTag = toTag ?? call.toTag;
    call.connections.add(connectionId);
    this.#announce(callId);
  }

  /** With `connectionId`, only a party of the call ends it: no stranger's BYE dims a lamp. */
  ended(callId: string, connectionId?: string): void {
    const call = this.#calls.get(callId);
    if (call === undefined) return;
    if (connectionId !== undefined && !call.connections.has(connectionId)) return;
    this.#calls.deleteWhere((_, key) => key === callId);
    this.#announceParties(call);
  }

  connectionClosed(connectionId: string): void {
    for (const call of [...this.#calls.values()])
      if (call.connections.has(connectionId)) this.ended(call.callId);
  }

  /** True while the AOR takes part in a call that is not over. */
  inCall(aor: string): boolean {
    return this.dialogsOf(aor).length > 0;
  }

  /** The AOR's dialogs, local = the AOR (RFC 4235 §4.1.6). */
  dialogsOf(aor: string): DialogEntry[] {
    const entries: DialogEntry[] = [];
    for (const call of this.#calls.values()) {
      const calling = call.caller?.aor === aor;
      if (!calling && call.callee?.aor !== aor) continue;
      const [local, remote] = calling ? [call.caller, call.callee] : [call.callee, call.caller];
      entries.push({
        id: `${call.callId}-${calling ? 'out' : 'in'}`,
        callId: call.callId,
        localTag: calling ? call.fromTag : call.toTag,
        remoteTag: calling ? call.toTag : call.fromTag,
        direction: calling ? 'initiator' : 'recipient',
        state: call.state,
        ...(local === undefined ? {} : { local: local.participant }),
        // The caller's identity on a ringing callee's lamp is what call pickup needs.
        ...(remote === undefined ? {} : { remote: remote.participant }),
      });
    }
    return entries;
  }

  #announce(callId: string): void {
    const call = this.#calls.get(callId);
    if (call !== undefined) this.#announceParties(call);
  }

  #announceParties(call: TrackedCall): void {
    if (call.caller !== undefined) this.#changed(call.caller.aor);
    if (call.callee !== undefined && call.callee.aor !== call.caller?.aor)
      this.#changed(call.callee.aor);
  }
}
