/**
 * The video senders of a call as `media-change/` sees them: one slot per live video m= section
 * (RFC 3264 §5.1), whatever runs the media. Types only: the default WebRTC handler is adapted in
 * `media-change/peer-connection-slots.ts` (so a call app that never changes its media carries
 * none of it), and a handler that is not built on a peer connection (the fake of
 * `@sipkit/testing`) offers `MediaHandler.videoSlots` itself.
 */

/** One video m= section we can send on (a transceiver). */
export interface VideoSlot {
  /** Its `a=mid` (RFC 5888); null until the section was first put in an offer or answer. */
  readonly mid: string | null;
  /** What we send on it now (null: nothing; the next offer or answer says `recvonly`/`inactive`). */
  readonly track: MediaStreamTrack | null;
  /** What the far end sends on it, when known. */
  readonly remoteTrack: MediaStreamTrack | undefined;
  /** Swaps what we send without an offer (`RTCRtpSender.replaceTrack`). */
  replaceTrack(track: MediaStreamTrack | null): Promise<void>;
}

/** The live video slots of one call. */
export interface VideoSlots {
  /** The live (not stopped) video slots, in m= order. */
  list(): readonly VideoSlot[];
  /** A new video section sending `track`, part of the next offer (RFC 3264 §8.2: a new stream is appended). */
  add(track: MediaStreamTrack, stream: MediaStream | undefined): VideoSlot;
}
