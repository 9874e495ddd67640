import { callMedia, watchRemoteMedia, type Session } from '@sipkit/core';
import type { SipClient } from '../client/sip-client.js';
import type { CallMediaState } from './call-media-state.js';

const bound = new WeakSet<Session>();

/** The live session of call `id` on the provider's UA. */
export function sessionOf(client: SipClient, id: string | undefined): Session | undefined {
  if (id === undefined) return undefined;
  return client.ua?.sessions.find((session) => session.id === id);
}

/**
 * Mirrors a session's video into the store (`callMedia[id]`), once per session however many
 * hooks show it: our camera and screen (`callMedia(session)` of the core), the far end's
 * (`watchRemoteMedia`). The core's listeners go with the session; the slice entry stays after
 * the call ends, like the call's own state.
 */
export function bindCallMedia(client: SipClient, session: Session): void {
  if (bound.has(session)) return;
  bound.add(session);
  const local = callMedia(session);
  const remote = watchRemoteMedia(session);
  const write = (): void => {
    const { camera, screen } = local.local();
    const next: CallMediaState = {
      localVideo: camera,
      localScreen: screen,
      remoteVideo: remote.current.camera !== undefined,
      remoteScreen: remote.current.screen !== undefined,
    };
    client.store.setState((state) => {
      const previous = state.callMedia?.[session.id];
      if (
        previous !== undefined &&
        previous.localVideo === next.localVideo &&
        previous.localScreen === next.localScreen &&
        previous.remoteVideo === next.remoteVideo &&
        previous.remoteScreen === next.remoteScreen
      )
        return state;
      return { callMedia: { ...state.callMedia, [session.id]: next } };
    });
  };
  local.events.on('local', write);
  remote.on('change', write);
  write();
}
