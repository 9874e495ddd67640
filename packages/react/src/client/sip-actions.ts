import type {
  AnswerOptions,
  CallOptions,
  DtmfSendOptions,
  Identity,
  ReferOptions,
  RequestResult,
  SendMessageOptions,
  Session,
  TerminateOptions,
  UA,
  UALogger,
  UnregisterOptions,
} from '@sipkit/core';
import { withChosenDevices } from '../media-devices/device-constraints.js';
import { takeTransferRequest } from './pending-transfers.js';
import { snapshotCall, type CallExtras } from '../store/call-state.js';
import type { SipStore } from '../store/create-sip-store.js';
import type { DevicesState, MediaDevice } from '../store/sip-state.js';
import { addMessage, putCall, removeCall, updateMessage } from '../store/sip-updates.js';
import { markRegistering } from './bind-ua-to-store.js';
import { DEV } from '../dev-mode.js';

/**
 * Options of `answer`: the core's `AnswerOptions`, plus what to do with the other calls.
 *
 * @example answer({ holdOthers: false, mediaConstraints: { audio: true, video: true } })
 */
export interface AnswerCallOptions extends AnswerOptions {
  /**
   * Put every other call we are talking on on hold first (call waiting), so the far ends do not
   * hear each other. Default true.
   */
  readonly holdOthers?: boolean;
}

/**
 * Which media a mute or unmute applies to; default audio only (as the core's).
 *
 * @example mute({ audio: true, video: true })
 */
export interface MuteOptions {
  readonly audio?: boolean;
  readonly video?: boolean;
}

/**
 * Options of `renegotiate`: the core session's (`useUpdate` sends the offer in an UPDATE,
 * RFC 3311; `iceRestart` gathers new ICE credentials, RFC 8839 §4.4.1.1).
 *
 * @example renegotiate(id, { useUpdate: true })
 */
export type RenegotiateOptions = NonNullable<Parameters<Session['renegotiate']>[0]>;

/**
 * A kind of device a user chooses.
 *
 * @example actions.chooseDevice('speaker', 'default')
 */
export type DeviceChoice = 'microphone' | 'camera' | 'speaker';

/**
 * Everything components can ask for, apart from the state they read. Each call action takes the
 * call's id; on a call that has already gone it does nothing (and resolves false/0 where it
 * returns a promise). Errors from the core (e.g. DTMF before the call is confirmed) are thrown.
 *
 * @example
 * const { actions } = useSipContext();
 * const id = actions.call('bob');
 * actions.sendDTMF(id, '1#');
 */
export interface SipActions {
  /** Starts the UA (for `autoStart={false}`, or after `stop()`). */
  start(): Promise<void>;
  /** Stops the UA: ends calls, unregisters, disconnects. */
  stop(): Promise<void>;
  register(): void;
  unregister(options?: UnregisterOptions): void;
  /**
   * Calls `target` with the chosen microphone/camera; returns the new call's id (it is in the
   * store at once). Throws when the UA is not running, or for a target that is not a SIP address.
   */
  call(target: string, options?: CallOptions): string;
  answer(id: string, options?: AnswerCallOptions): void;
  /** Rejects a ringing incoming call: 603 Decline unless `status_code` says otherwise. */
  decline(id: string, options?: TerminateOptions): void;
  /** Ends a call whatever its state (CANCEL, rejection or BYE). */
  hangup(id: string, options?: TerminateOptions): void;
  hold(id: string): Promise<boolean>;
  unhold(id: string): Promise<boolean>;
  /**
   * Restarts ICE now (a re-INVITE with new ICE credentials), e.g. from a "Reconnect" button while
   * `connection` is `reconnecting`; resolves true when the far end accepted the new offer.
   */
  restartIce(id: string): Promise<boolean>;
  /** Sends a new offer on the call (re-INVITE, or UPDATE with `useUpdate`); true when accepted. */
  renegotiate(id: string, options?: RenegotiateOptions): Promise<boolean>;
  mute(id: string, options?: MuteOptions): void;
  unmute(id: string, options?: MuteOptions): void;
  sendDTMF(id: string, tones: string | number, options?: DtmfSendOptions): void;
  /** Accepts the far end's transfer request: calls its target and reports progress to it. */
  acceptTransfer(id: string): void;
  /** Declines the far end's transfer request (603). */
  declineTransfer(id: string): void;
  /** Blind transfer (REFER); resolves with the REFER's final status (0: no call, no answer). */
  transfer(id: string, target: string, options?: ReferOptions): Promise<number>;
  /** Sends a message and records it in the store with how it went. */
  sendMessage(target: string, body: string, options?: SendMessageOptions): Promise<RequestResult>;
  /** Removes a call from the store (meant for ended calls the user has seen). */
  dismissCall(id: string): void;
  /** Makes `id` the call `useCall()` shows. */
  setCurrentCall(id: string): void;
  /** Chooses a device (undefined: the system default) for new calls, and speakers for all. */
  chooseDevice(kind: DeviceChoice, deviceId: string | undefined): void;
  /** Records the devices seen (`useMediaDevices` does this). */
  setDevices(list: readonly MediaDevice[]): void;
}

/**
 * What the actions work with: supplied by `SipClient`.
 *
 * @example createSipActions({ ua: () => ua, store, logger: console, maxMessages: () => 100, nextMessageId, start, stop })
 */
export interface SipActionHost {
  readonly ua: () => UA | undefined;
  readonly store: SipStore;
  readonly logger: UALogger;
  readonly maxMessages: () => number;
  readonly nextMessageId: () => string;
  readonly start: () => Promise<void>;
  readonly stop: () => Promise<void>;
}

const DECLINE = 603; // RFC 3261 §21.6.2: the user does not wish to take the call.

/**
 * The actions over one client's UA and store.
 *
 * @example const actions = createSipActions(host); actions.register();
 */
export function createSipActions(host: SipActionHost): SipActions {
  const { store } = host;
  const session = (id: string): Session | undefined =>
    host.ua()?.sessions.find((candidate) => candidate.id === id);
  const refresh = (live: Session, extras: Partial<CallExtras> = {}): void =>
    store.setState((state) => putCall(state, snapshotCall(live, state.calls[live.id], extras)));
  const media = <T extends { readonly mediaConstraints?: MediaStreamConstraints | undefined }>(
    options: T,
  ): T => ({
    ...options,
    mediaConstraints: withChosenDevices(
      options.mediaConstraints ?? { audio: true, video: false },
      store.getState().devices,
    ),
  });
  const running = (what: string): UA => {
    const ua = host.ua();
    if (ua === undefined) {
      throw new Error(DEV ? `cannot ${what}: the UA is not running` : `react.no-ua ${what}`);
    }
    return ua;
  };
  const changeHold = async (id: string, hold: boolean): Promise<boolean> => {
    const live = session(id);
    if (live === undefined) return false;
    const done = await (hold ? live.hold() : live.unhold());
    // A refused re-INVITE restores the hold state without an event: read it again.
    refresh(live);
    return done;
  };

  return {
    start: host.start,
    stop: host.stop,
    register() {
      const ua = host.ua();
      if (ua === undefined) {
        return host.logger.warn(
          DEV ? 'sipkit/react: register() with no UA running' : 'react.no-ua register',
        );
      }
      markRegistering(store);
      ua.register();
    },
    unregister(options) {
      const ua = host.ua();
      if (ua === undefined) {
        return host.logger.warn(
          DEV ? 'sipkit/react: unregister() with no UA running' : 'react.no-ua unregister',
        );
      }
      ua.unregister(options);
    },
    call(target, options = {}) {
      return running('call').call(target, media(options)).id;
    },
    answer(id, options = {}) {
      const live = session(id);
      if (live === undefined || store.getState().calls[id]?.answering === true) return;
      const { holdOthers = true, ...answer } = options;
      if (holdOthers) {
        for (const other of running('answer').sessions) {
          if (other !== live && other.status === 'confirmed' && !other.isOnHold().local) {
            void changeHold(other.id, true);
          }
        }
      }
      refresh(live, { answering: true });
      try {
        live.answer(media(answer));
      } catch (error) {
        refresh(live, { answering: false });
        throw error;
      }
    },
    decline(id, options = {}) {
      session(id)?.terminate({ status_code: DECLINE, ...options });
    },
    hangup(id, options) {
      session(id)?.terminate(options);
    },
    hold: (id) => changeHold(id, true),
    unhold: (id) => changeHold(id, false),
    async restartIce(id) {
      const live = session(id);
      return live === undefined ? false : live.restartIce();
    },
    async renegotiate(id, options) {
      const live = session(id);
      return live === undefined ? false : live.renegotiate(options);
    },
    mute(id, options) {
      session(id)?.mute(options);
    },
    unmute(id, options) {
      session(id)?.unmute(options);
    },
    sendDTMF(id, tones, options) {
      session(id)?.sendDTMF(tones, options);
    },
    acceptTransfer(id) {
      const live = session(id);
      if (live === undefined) return;
      const refer = takeTransferRequest(live);
      refresh(live, { transferRequest: undefined });
      const mediaConstraints = withChosenDevices(
        { audio: true, video: false },
        store.getState().devices,
      );
      refer?.accept({ mediaConstraints });
    },
    declineTransfer(id) {
      const live = session(id);
      if (live === undefined) return;
      const refer = takeTransferRequest(live);
      refresh(live, { transferRequest: undefined });
      refer?.reject();
    },
    async transfer(id, target, options) {
      const live = session(id);
      if (live === undefined) return 0;
      // refer() throws outside a confirmed call or for a bad target: nothing is pending then.
      let sending: Promise<number>;
      try {
        sending = live.refer(target, options);
      } catch (error) {
        host.logger.warn(
          DEV ? 'sipkit/react: cannot transfer the call' : 'react.transfer-failed',
          error,
        );
        return 0;
      }
      refresh(live, { transfer: { target, status: 'pending', code: undefined } });
      const code = await sending;
      const transfer = store.getState().calls[id]?.transfer;
      // NOTIFYs may already have reported the outcome: only a refused REFER changes it here.
      if (transfer?.status === 'pending') {
        const accepted = code >= 200 && code < 300;
        refresh(live, {
          transfer: { ...transfer, status: accepted ? 'accepted' : 'failed', code },
        });
      }
      return code;
    },
    async sendMessage(target, body, options = {}) {
      const ua = running('send a message');
      let to: Identity = { displayName: undefined, uri: target };
      let from: Identity = { displayName: undefined, uri: ua.configuration.uri };
      // The core announces our own message (with the normalized target) before sending it.
      const off = ua.once('newMessage', ({ originator, message }) => {
        if (originator !== 'local') return;
        to = message.to;
        from = message.from;
      });
      let result: Promise<RequestResult>;
      try {
        result = ua.sendMessage(target, body, options);
      } finally {
        off();
      }
      const id = host.nextMessageId();
      const message = {
        id,
        direction: 'outgoing' as const,
        from: { displayName: from.displayName, uri: from.uri },
        to: { displayName: to.displayName, uri: to.uri },
        body,
        contentType: options.contentType ?? 'text/plain',
        time: Date.now(),
        status: 'sending' as const,
        cause: undefined,
      };
      store.setState((state) => addMessage(state, message, host.maxMessages()));
      const outcome = await result;
      store.setState((state) =>
        updateMessage(
          state,
          id,
          outcome.ok ? { status: 'sent' } : { status: 'failed', cause: outcome.cause },
        ),
      );
      return outcome;
    },
    dismissCall(id) {
      store.setState((state) => removeCall(state, id));
    },
    setCurrentCall(id) {
      if (store.getState().calls[id] !== undefined) store.setState({ currentCallId: id });
    },
    chooseDevice(kind, deviceId) {
      store.setState((state) => ({ devices: { ...state.devices, [kind]: deviceId } }));
      if (kind === 'speaker') return; // <RemoteAudio> applies it with setSinkId
      // Live calls switch too, without renegotiating (RTCRtpSender.replaceTrack in core).
      const device: MediaTrackConstraints | boolean =
        deviceId === undefined ? true : { deviceId: { exact: deviceId } };
      const constraints = kind === 'microphone' ? { audio: device } : { video: device };
      for (const live of host.ua()?.sessions ?? []) {
        if (live.media === undefined || live.isEnded()) continue;
        live
          .replaceLocalMedia(constraints)
          .catch((error: unknown) =>
            host.logger.warn(
              DEV
                ? `sipkit/react: cannot switch the ${kind} of a live call`
                : `react.device-switch-failed ${kind}`,
              error,
            ),
          );
      }
    },
    setDevices(list) {
      store.setState((state) => ({ devices: withList(state.devices, list) }));
    },
  };
}

// A chosen device that was unplugged falls back to the default rather than failing later.
function withList(devices: DevicesState, list: readonly MediaDevice[]): DevicesState {
  const has = (kind: MediaDeviceKind, id: string | undefined): string | undefined =>
    id !== undefined && list.some((d) => d.kind === kind && d.deviceId === id) ? id : undefined;
  return {
    list,
    microphone: has('audioinput', devices.microphone),
    camera: has('videoinput', devices.camera),
    speaker: has('audiooutput', devices.speaker),
  };
}
