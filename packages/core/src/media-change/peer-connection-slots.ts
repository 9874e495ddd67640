import type { PeerConnectionLike, RtpTransceiverLike } from '../media/peer-connection-like.js';
import type { VideoSlot, VideoSlots } from '../media/video-slots.js';
import { DEV } from '../diagnostics/dev-mode.js';

/** One wrapper per transceiver, so a slot keeps its identity across `list()` calls. */
const wrappers = new WeakMap<RtpTransceiverLike, VideoSlot>();

/**
 * The video slots of a call's RTCPeerConnection: its live video transceivers. Adding a track
 * makes a new transceiver (a new m= section in the next offer); a transceiver whose sender has no
 * track is reused first, so upgrading a call twice never piles up m= lines (RFC 3264 §8.1 keeps
 * the count; §8.3: a stream stops by its direction, not by leaving).
 *
 * @example
 * ```ts
 * const slots = peerConnectionSlots(session.connection);
 * slots.list().find((slot) => slot.track === null);
 * ```
 */
export function peerConnectionSlots(pc: PeerConnectionLike): VideoSlots {
  return {
    list: () =>
      pc
        .getTransceivers()
        .filter(
          (transceiver) =>
            transceiver.receiver.track.kind === 'video' &&
            transceiver.direction !== 'stopped' &&
            transceiver.currentDirection !== 'stopped',
        )
        .map(slotOf),
    add: (track, stream) => {
      const sender = stream === undefined ? pc.addTrack(track) : pc.addTrack(track, stream);
      const transceiver = pc.getTransceivers().find((candidate) => candidate.sender === sender);
      if (transceiver === undefined)
        throw new Error(DEV ? 'addTrack made no transceiver' : 'media-change.no-transceiver');
      return slotOf(transceiver);
    },
  };
}

function slotOf(transceiver: RtpTransceiverLike): VideoSlot {
  let slot = wrappers.get(transceiver);
  if (slot === undefined) {
    slot = {
      get mid() {
        return transceiver.mid ?? null;
      },
      get track() {
        return transceiver.sender.track;
      },
      get remoteTrack() {
        // A real transceiver's receiver track is a MediaStreamTrack; stand-ins only model kind.
        return transceiver.receiver.track as MediaStreamTrack;
      },
      replaceTrack: (track) => transceiver.sender.replaceTrack(track),
    };
    wrappers.set(transceiver, slot);
  }
  return slot;
}
