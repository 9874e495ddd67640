import type { MediaStats } from './media-handler.js';

/**
 * Byte counters at one point in time, kept between `getStats()` calls: bitrates are the deltas
 * between two samples (the report itself only has totals since the start).
 */
export interface TrafficSample {
  /** ms, the report's own clock (`RTCStats.timestamp`). */
  readonly timestamp: number;
  readonly bytesSent: number | undefined;
  readonly bytesReceived: number | undefined;
}

/** What `reduceStats` returns: the numbers, and the sample to pass next time. */
export interface ReducedStats {
  readonly stats: MediaStats;
  readonly sample: TrafficSample | undefined;
}

/**
 * Reduces a WebRTC stats report (W3C webrtc-stats) to the few numbers a call-quality view needs.
 *
 * - bitrates: bytes of every `outbound-rtp` / `inbound-rtp` stream, as bits per second since
 *   `previous` (undefined on the first call, or when the counters went backwards);
 * - packets: sums over `inbound-rtp`; `packetLoss` is lost / (received + lost);
 * - jitter: of the audio `inbound-rtp` stream (the one a voice call is judged by), else any;
 * - round-trip time: `currentRoundTripTime` of the selected candidate pair (the transport's
 *   `selectedCandidatePairId`, else a pair marked `selected`, else a nominated succeeded one),
 *   else `roundTripTime` of a `remote-inbound-rtp` entry (RTCP, RFC 3550 §6.4.1).
 *
 * @example
 * ```ts
 * const first = reduceStats(await pc.getStats(), undefined);
 * const next = reduceStats(await pc.getStats(), first.sample); // next.stats.sendBitrate is known
 * ```
 */
export function reduceStats(
  report: RTCStatsReport,
  previous: TrafficSample | undefined,
): ReducedStats {
  const entries: Entry[] = [];
  report.forEach((value: unknown) => {
    if (typeof value === 'object' && value !== null) entries.push(value as Entry);
  });
  const outbound = entries.filter((entry) => entry['type'] === 'outbound-rtp');
  const inbound = entries.filter((entry) => entry['type'] === 'inbound-rtp');

  const bytesSent = sum(outbound, 'bytesSent');
  const bytesReceived = sum(inbound, 'bytesReceived');
  const packetsReceived = sum(inbound, 'packetsReceived');
  const packetsLost = sum(inbound, 'packetsLost');
  const timestamps = [...outbound, ...inbound]
    .map((entry) => number(entry, 'timestamp'))
    .filter((value) => value !== undefined);
  const sample =
    timestamps.length === 0
      ? undefined
      : { timestamp: Math.max(...timestamps), bytesSent, bytesReceived };

  const audioIn = inbound.find((entry) => kindOf(entry) === 'audio');
  const jitter =
    (audioIn === undefined ? undefined : number(audioIn, 'jitter')) ??
    firstNumber(inbound, 'jitter');

  return {
    stats: {
      sendBitrate: bitrate(previous, sample, 'bytesSent'),
      receiveBitrate: bitrate(previous, sample, 'bytesReceived'),
      packetsReceived,
      packetsLost,
      packetLoss: lossFraction(packetsReceived, packetsLost),
      jitter,
      roundTripTime: roundTripTime(entries),
      report,
    },
    sample,
  };
}

type Entry = Readonly<Record<string, unknown>>;

/**
 * Audio packets received, from a stats report: the `packetsReceived` of the audio
 * `inbound-rtp` entries (undefined when there is none yet). Cheaper than `reduceStats`: the
 * stall watch reads it twice a second for every call.
 *
 * @example const packets = inboundAudioPackets(await pc.getStats());
 */
export function inboundAudioPackets(report: RTCStatsReport): number | undefined {
  let packets: number | undefined;
  report.forEach((value: unknown) => {
    if (typeof value !== 'object' || value === null) return;
    const entry = value as Entry;
    if (entry['type'] !== 'inbound-rtp' || kindOf(entry) !== 'audio') return;
    const count = number(entry, 'packetsReceived');
    if (count !== undefined) packets = (packets ?? 0) + count;
  });
  return packets;
}

function number(entry: Entry, key: string): number | undefined {
  const value = entry[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function sum(entries: readonly Entry[], key: string): number | undefined {
  let total: number | undefined;
  for (const entry of entries) {
    const value = number(entry, key);
    if (value !== undefined) total = (total ?? 0) + value;
  }
  return total;
}

function firstNumber(entries: readonly Entry[], key: string): number | undefined {
  for (const entry of entries) {
    const value = number(entry, key);
    if (value !== undefined) return value;
  }
  return undefined;
}

// `kind` is the current name; older Chrome reports said `mediaType`.
function kindOf(entry: Entry): unknown {
  return entry['kind'] ?? entry['mediaType'];
}

function bitrate(
  previous: TrafficSample | undefined,
  current: TrafficSample | undefined,
  key: 'bytesSent' | 'bytesReceived',
): number | undefined {
  if (previous === undefined || current === undefined) return undefined;
  const before = previous[key];
  const now = current[key];
  const elapsedMs = current.timestamp - previous.timestamp;
  if (before === undefined || now === undefined || elapsedMs <= 0 || now < before) return undefined;
  return ((now - before) * 8 * 1000) / elapsedMs;
}

function lossFraction(received: number | undefined, lost: number | undefined): number | undefined {
  if (received === undefined || lost === undefined) return undefined;
  // RFC 3550 §6.4.1: the cumulative loss goes negative when duplicates arrive.
  const missing = Math.max(0, lost);
  const expected = received + missing;
  return expected > 0 ? missing / expected : undefined;
}

function roundTripTime(entries: readonly Entry[]): number | undefined {
  const byId = new Map(entries.map((entry) => [entry['id'], entry]));
  const pairs = entries.filter((entry) => entry['type'] === 'candidate-pair');
  const selectedIds = entries
    .filter((entry) => entry['type'] === 'transport')
    .map((entry) => entry['selectedCandidatePairId']);
  const selected =
    selectedIds.map((id) => byId.get(id)).find((entry) => entry !== undefined) ??
    pairs.find((pair) => pair['selected'] === true) ??
    pairs.find((pair) => pair['nominated'] === true && pair['state'] === 'succeeded');
  const pairRtt = selected === undefined ? undefined : number(selected, 'currentRoundTripTime');
  if (pairRtt !== undefined) return pairRtt;
  const remoteInbound = entries.filter((entry) => entry['type'] === 'remote-inbound-rtp');
  const audio = remoteInbound.find((entry) => kindOf(entry) === 'audio');
  return (
    (audio === undefined ? undefined : number(audio, 'roundTripTime')) ??
    firstNumber(remoteInbound, 'roundTripTime')
  );
}
