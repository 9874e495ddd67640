import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { classNames } from '../internal/class-names.js';
import { useMessages } from '../messages/messages-provider.js';

/** Props of `<Sparkline>`. */
export interface SparklineProps extends Omit<
  ComponentPropsWithoutRef<'svg'>,
  'children' | 'values'
> {
  /** Oldest first; undefined values leave a gap. */
  readonly values: readonly (number | undefined)[];
  /** What the line shows, for screen readers ("Receive bitrate, last 30 seconds"). */
  readonly label: string;
  readonly width?: number;
  readonly height?: number;
}

/**
 * A small line chart in SVG (`role="img"`, named by `label`), scaled to its own minimum and
 * maximum. Its stroke is `currentColor`, so CSS colours it. `data-sipkit-state` is `empty` or `ready`;
 * empty, it draws a dashed baseline and says so (`messages.quality.noData`, "No data yet"), so a
 * chart with nothing to show does not look like a broken one.
 *
 * @example <Sparkline values={[3, 5, 4, 8]} label="Jitter, last 4 seconds" />
 */
export const Sparkline = forwardRef<SVGSVGElement, SparklineProps>(function Sparkline(
  { values, label, width = 96, height = 24, className, ...rest },
  ref,
) {
  const { quality } = useMessages();
  const known = values.filter((value): value is number => value !== undefined);
  const min = Math.min(...known);
  const max = Math.max(...known);
  const span = max - min;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  let path = '';
  let pen = false;
  values.forEach((value, index) => {
    if (value === undefined) {
      pen = false;
      return;
    }
    // One pixel of margin so the extremes are not clipped; a flat line sits in the middle.
    const y = max === min ? height / 2 : 1 + (height - 2) * (1 - (value - min) / span);
    path += `${pen ? 'L' : 'M'}${(index * step).toFixed(1)} ${y.toFixed(1)}`;
    pen = true;
  });
  return (
    <svg
      ref={ref}
      role="img"
      aria-label={label}
      className={classNames('sk-sparkline', className)}
      data-sipkit-state={known.length === 0 ? 'empty' : 'ready'}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      {...rest}
    >
      {path !== '' ? (
        <path d={path} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
      ) : known.length === 0 ? (
        <>
          <line
            className="sk-sparkline-baseline"
            x1="0"
            x2={width}
            y1={height - 1}
            y2={height - 1}
            stroke="currentColor"
            strokeDasharray="2 3"
          />
          <text
            className="sk-sparkline-empty"
            x={width / 2}
            y={height / 2}
            textAnchor="middle"
            dominantBaseline="central"
            fill="currentColor"
          >
            {quality.noData}
          </text>
        </>
      ) : null}
    </svg>
  );
});
