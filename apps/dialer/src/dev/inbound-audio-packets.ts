/**
 * Audio RTP packets received, summed over the `inbound-rtp` entries of a WebRTC stats report:
 * the evidence that the far end's audio actually arrives (bitrates need two samples, this one).
 *
 * @example inboundAudioPackets((await session.media.getStats()).report) // 412
 */
export function inboundAudioPackets(report: RTCStatsReport | undefined): number | undefined {
  if (report === undefined) return undefined;
  let total: number | undefined;
  report.forEach((value: unknown) => {
    const stat = value as { type?: unknown; kind?: unknown; packetsReceived?: unknown };
    if (stat.type !== 'inbound-rtp' || stat.kind !== 'audio') return;
    if (typeof stat.packetsReceived === 'number') total = (total ?? 0) + stat.packetsReceived;
  });
  return total;
}
