import type { MediaStats } from '@sipkit/core';
import { useSipStore } from '@sipkit/react';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { useCallStats, type UseCallStatsOptions } from '../hooks/use-call-stats.js';
import { classNames } from '../internal/class-names.js';
import { useMessages } from '../messages/messages-provider.js';
import type { QualityMessages, QualityMetric } from '../messages/sipkit-messages.js';
import { Sparkline } from './sparkline.js';

/** Props of `<CallQuality>`. */
export interface CallQualityProps
  extends Omit<ComponentPropsWithoutRef<'section'>, 'children'>, UseCallStatsOptions {
  /** The call; default the current one. */
  readonly callId?: string;
}

/** How a call sounds, roughly: see `qualityOf`. */
export type CallQualityLevel = 'good' | 'fair' | 'poor' | 'unknown';

interface Metric {
  readonly key: QualityMetric;
  readonly value: (stats: MediaStats) => number | undefined;
  /** Which of the messages' formatters says the value. */
  readonly unit: 'bitrate' | 'fraction' | 'seconds';
}

const METRICS: readonly Metric[] = [
  { key: 'send', value: (s) => s.sendBitrate, unit: 'bitrate' },
  { key: 'receive', value: (s) => s.receiveBitrate, unit: 'bitrate' },
  { key: 'loss', value: (s) => s.packetLoss, unit: 'fraction' },
  { key: 'jitter', value: (s) => s.jitter, unit: 'seconds' },
  { key: 'rtt', value: (s) => s.roundTripTime, unit: 'seconds' },
];

/**
 * Bitrate, packet loss, jitter and round-trip time of a call, polled every second (while
 * mounted and the call is live) from `session.media.getStats()`, each with a sparkline of the
 * last samples. `data-sipkit-state` is `idle`, `live` or `ended`; `data-sipkit-quality` is `qualityOf` the
 * latest sample. A call with no audio received yet says "No audio yet", never "Quality: good".
 *
 * @example <CallQuality history={60} />
 */
export const CallQuality = forwardRef<HTMLElement, CallQualityProps>(function CallQuality(
  { callId, interval, history, className, ...rest },
  ref,
) {
  const { latest, history: samples } = useCallStats(callId, {
    ...(interval === undefined ? {} : { interval }),
    ...(history === undefined ? {} : { history }),
  });
  const status = useSipStore((s) => s.calls[callId ?? s.currentCallId ?? '']?.status);
  const state = status === undefined ? 'idle' : status === 'terminated' ? 'ended' : 'live';
  const quality = qualityOf(latest);
  const { quality: text } = useMessages();
  return (
    <section
      ref={ref}
      aria-label={text.region}
      className={classNames('sk-quality', className)}
      data-sipkit-state={state}
      data-sipkit-quality={quality}
      {...rest}
    >
      <p className="sk-quality-summary">{summaryOf(latest, quality, text)}</p>
      <dl className="sk-quality-metrics">
        {METRICS.map((metric) => {
          const value = latest === undefined ? undefined : metric.value(latest);
          const label = text.metric[metric.key];
          return (
            <div key={metric.key} className="sk-quality-metric" data-sipkit-metric={metric.key}>
              <dt>{label}</dt>
              <dd>
                <span className="sk-quality-value">
                  {value === undefined ? text.missing : text[metric.unit](value)}
                </span>
                <Sparkline
                  values={samples.map(metric.value)}
                  label={text.history(label, samples.length)}
                />
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
});

/**
 * A rough verdict from the latest sample, after the thresholds commonly used for voice: poor
 * beyond 5 % loss, 300 ms round trip or 50 ms jitter; fair beyond 1 %, 150 ms or 30 ms. Only
 * measured values count: a missing one is unknown, not 0, so a call that never received audio
 * (no packets, nothing measured) is `unknown` rather than good.
 *
 * @example qualityOf({ ...stats, packetLoss: 0.02 }) // 'fair'
 */
export function qualityOf(stats: MediaStats | undefined): CallQualityLevel {
  if (stats === undefined) return 'unknown';
  const over = (value: number | undefined, limit: number): boolean =>
    value !== undefined && value > limit;
  const { packetLoss: loss, roundTripTime: rtt, jitter } = stats;
  if (over(loss, 0.05) || over(rtt, 0.3) || over(jitter, 0.05)) return 'poor';
  if (over(loss, 0.01) || over(rtt, 0.15) || over(jitter, 0.03)) return 'fair';
  // Good needs evidence: audio arrived and something about it was measured.
  const heard = (stats.packetsReceived ?? 0) > 0 || (stats.receiveBitrate ?? 0) > 0;
  const measured = loss !== undefined || rtt !== undefined || jitter !== undefined;
  return heard && measured ? 'good' : 'unknown';
}

/** The summary line: what is known about the call's sound, in words. */
function summaryOf(
  latest: MediaStats | undefined,
  quality: CallQualityLevel,
  text: QualityMessages,
): string {
  if (latest === undefined) return text.noMeasurements;
  if (quality !== 'unknown') return text.verdict(quality);
  return (latest.packetsReceived ?? 0) > 0 ? text.verdict('unknown') : text.noAudio;
}
