import { useCall } from '@sipkit/react';
import { forwardRef, useId, useState, type ComponentPropsWithoutRef } from 'react';
import { classNames } from '../internal/class-names.js';
import { partyName, partyTitle } from '../internal/party.js';
import { truncateText } from '../internal/truncate-text.js';
import { useMessages } from '../messages/messages-provider.js';
import type { SipTrace } from '../trace/create-sip-trace.js';
import type { TracedMessage } from '../trace/traced-message.js';
import { useSipTrace } from '../trace/use-sip-trace.js';

/** Props of `<SipLadder>`. */
export interface SipLadderProps extends Omit<ComponentPropsWithoutRef<'figure'>, 'children'> {
  /** Where the messages come from (the trace given to `<SipProvider logger>`). */
  readonly trace: SipTrace;
  /** The call: a Call-ID or a store call id; default the current call. */
  readonly callId?: string;
  /** Column headings; default `messages.ladder.you` ("You") and the other party's name. */
  readonly localLabel?: string;
  readonly remoteLabel?: string;
}

/**
 * The SIP messages of one call as a sequence (ladder) diagram: a column for you and one for the
 * far side, one arrow per message with its method or status, time since the first message, and
 * the raw message on click. Drawn from this UA's vantage point, so the right-hand column is
 * "the far side through the proxy": a UA sees one connection, not the hops behind it. CSS grid,
 * logical properties: in right-to-left text the columns swap. Rows have `data-sipkit-direction`
 * (`sent`, `received`), `data-sipkit-kind` and `data-sipkit-class` (`request`, `1xx`...`6xx`).
 *
 * @example
 * const trace = createSipTrace();
 * <SipProvider config={config} logger={trace}><SipLadder trace={trace} /></SipProvider>
 */
export const SipLadder = forwardRef<HTMLElement, SipLadderProps>(function SipLadder(
  { trace, callId, localLabel: localGiven, remoteLabel, className, ...rest },
  ref,
) {
  const { id, state } = useCall(callId);
  const { ladder } = useMessages();
  const localLabel = localGiven ?? ladder.you;
  const messages = useSipTrace(trace, callId ?? id);
  const [open, setOpen] = useState<number | undefined>(undefined);
  const baseId = useId();
  const remote =
    remoteLabel ?? (state === undefined ? ladder.farSide : partyName(state.remoteIdentity));
  const remoteTitle =
    remoteLabel === undefined && state !== undefined ? partyTitle(state.remoteIdentity) : undefined;
  const start = messages[0]?.time ?? 0;
  return (
    <figure
      ref={ref}
      className={classNames('sk-ladder', className)}
      data-sipkit-state={messages.length === 0 ? 'empty' : 'ready'}
      {...rest}
    >
      <figcaption className="sk-ladder-caption">
        {ladder.caption(state === undefined ? undefined : <bdi>{remote}</bdi>)}
      </figcaption>
      <div className="sk-ladder-parties">
        <bdi className="sk-ladder-party" data-sipkit-side="local">
          {localLabel}
        </bdi>
        <bdi className="sk-ladder-party" data-sipkit-side="remote" title={remoteTitle}>
          {remote}
        </bdi>
      </div>
      {messages.length === 0 ? (
        <p className="sk-ladder-empty">{ladder.empty}</p>
      ) : (
        <ol className="sk-ladder-messages">
          {messages.map((message) => {
            const rawId = `${baseId}-${message.id}`;
            const expanded = open === message.id;
            const from = message.direction === 'sent' ? localLabel : remote;
            const to = message.direction === 'sent' ? remote : localLabel;
            return (
              <li
                key={message.id}
                className="sk-ladder-row"
                data-sipkit-direction={message.direction}
                data-sipkit-kind={message.kind}
                data-sipkit-class={messageClass(message)}
              >
                <button
                  type="button"
                  className="sk-ladder-message"
                  aria-expanded={expanded}
                  aria-controls={expanded ? rawId : undefined}
                  onClick={() => setOpen(expanded ? undefined : message.id)}
                >
                  <span className="sk-ladder-time">{elapsed(message.time - start)}</span>
                  <span className="sk-ladder-label">
                    {truncateText(message.summary, MAX_SUMMARY)}
                  </span>
                  <span className="sk-ladder-cseq">
                    {message.kind === 'response' ? `${message.cseq} ${message.method}` : ''}
                  </span>
                  <span className="sk-ladder-arrow" aria-hidden="true" />
                  <span className="sk-visually-hidden">{ladder.direction(from, to)}</span>
                </button>
                {expanded ? (
                  <pre id={rawId} className="sk-ladder-raw" dir="ltr" tabIndex={0}>
                    {message.raw}
                  </pre>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </figure>
  );
});

// A start line is the far end's to write (a reason phrase can fill the whole message).
const MAX_SUMMARY = 96;

function messageClass(message: TracedMessage): string {
  return message.status === undefined ? 'request' : `${Math.floor(message.status / 100)}xx`;
}

function elapsed(ms: number): string {
  return `+${(ms / 1000).toFixed(3)} s`;
}
