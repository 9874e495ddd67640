import { formatDuration } from '@sipkit/react';
import { partyName, partyTitle } from '@sipkit/ui';
import { canCallBack, type CallHistoryEntry } from './call-history.js';

/** Props of `<HistoryList>`. */
export interface HistoryListProps {
  readonly history: readonly CallHistoryEntry[];
  /** "Call back": places a call to the entry's address. */
  readonly onCall: (uri: string) => void;
}

const time = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

/**
 * Recent calls, newest first: who, which way, when, how long (or why it was not answered), and
 * a button to call back.
 *
 * @example <HistoryList history={history} onCall={(uri) => call(uri, options)} />
 */
export function HistoryList({ history, onCall }: HistoryListProps) {
  if (history.length === 0) return <p className="muted">No calls yet.</p>;
  return (
    <ol className="history" aria-label="Call history">
      {history.map((entry) => {
        const party = { displayName: entry.remoteName, uri: entry.remoteUri };
        const name = partyName(party);
        return (
          <li
            key={entry.id}
            data-direction={entry.direction}
            data-answered={entry.answered ? '' : undefined}
          >
            {/* An aria-label on a plain span is not read (it has no role to name): the arrow is
                hidden from screen readers and the direction said in text instead. */}
            <span className="history-direction" aria-hidden="true">
              {entry.direction === 'incoming' ? '↙' : '↗'}
            </span>
            <span className="sk-visually-hidden">
              {entry.direction === 'incoming' ? 'Incoming call from' : 'Outgoing call to'}{' '}
            </span>
            <bdi className="history-name" title={partyTitle(party)}>
              {name}
            </bdi>
            <span className="history-detail">
              {entry.answered ? formatDuration(entry.duration) : (entry.cause ?? 'Not answered')} ·{' '}
              <time dateTime={new Date(entry.endTime).toISOString()}>
                {time.format(entry.endTime)}
              </time>
            </span>
            <button
              type="button"
              className="sk-button"
              disabled={!canCallBack(entry)}
              onClick={() => onCall(entry.remoteUri)}
            >
              Call <bdi>{name}</bdi>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
