import type { MediaStats } from '@sipkit/core';
import { useSipStore } from '@sipkit/react';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { useCallStats, type UseCallStatsOptions } from '../hooks/use-call-stats.js';
import { classNames } from '../internal/class-names.js';
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
  readonly key: string;
  readonly label: string;
  readonly value: (stats: MediaStats) => number | undefined;
  readonly format: (value: number) => string;
}

const METRICS: readonly Metric[] = [
  {
    key: 'send',
    label: 'Send bitrate',
    value: (s) => s.sendBitrate,
    format: (v) => `${(v / 1000).toFixed(0)} kbit/s`,
  },
  {
    key: 'receive',
    label: 'Receive bitrate',
    value: (s) => s.receiveBitrate,
    format: (v) => `${(v / 1000).toFixed(0)} kbit/s`,
  },
  {
    key: 'loss',
    label: 'Packet loss',
    value: (s) => s.packetLoss,
    format: (v) => `${(v * 100).toFixed(1)} %`,
  },
  {
    key: 'jitter',
    label: 'Jitter',
    value: (s) => s.jitter,
    format: (v) => `${(v * 1000).toFixed(0)} ms`,
  },
  {
    key: 'rtt',
    label: 'Round trip',
    value: (s) => s.roundTripTime,
    format: (v) => `${(v * 1000).toFixed(0)} ms`,
  },
];

/**
 * Bitrate, packet loss, jitter and round-trip time of a call, polled every second (while
 * mounted and the call is live) from `session.media.getStats()`, each with a sparkline of the
 * last samples. `data-state` is `idle`, `live` or `ended`; `data-quality` is `qualityOf` the
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
  return (
    <section
      ref={ref}
      aria-label="Call quality"
      className={classNames('sk-quality', className)}
      data-state={state}
      data-quality={quality}
      {...rest}
    >
      <p className="sk-quality-summary">{summaryOf(latest, quality)}</p>
      <dl className="sk-quality-metrics">
        {METRICS.map((metric) => {
          const value = latest === undefined ? undefined : metric.value(latest);
          return (
            <div key={metric.key} className="sk-quality-metric" data-metric={metric.key}>
              <dt>{metric.label}</dt>
              <dd>
                <span className="sk-quality-value">
                  {value === undefined ? '–' : metric.format(value)}
                </span>
                <Sparkline
                  values={samples.map(metric.value)}
                  label={`${metric.label}, last ${samples.length} samples`}
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
function summaryOf(latest: MediaStats | undefined, quality: CallQualityLevel): string {
  if (latest === undefined) return 'No measurements yet';
  if (quality !== 'unknown') return `Quality: ${quality}`;
  return (latest.packetsReceived ?? 0) > 0 ? 'Quality: unknown' : 'No audio yet';
}
