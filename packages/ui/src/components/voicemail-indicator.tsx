import { useMessageWaiting } from '@sipkit/react';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { classNames } from '../internal/class-names.js';
import { useMessages } from '../messages/messages-provider.js';

/** Props of `<VoicemailIndicator>`. */
export interface VoicemailIndicatorProps extends Omit<ComponentPropsWithoutRef<'p'>, 'children'> {
  /** The mailbox to watch (RFC 3842 `Message-Account`); default our own AOR. */
  readonly account?: string;
}

/**
 * The message-waiting lamp (MWI) as a live region over `useMessageWaiting()`: "2 new voicemails,
 * 5 old" or "No new voicemail". It lights on subscribed and on unsolicited NOTIFYs.
 * `data-sipkit-state` is `waiting` or `none`, `data-sipkit-count` the number of new messages.
 *
 * @example <VoicemailIndicator account="sip:*97@pbx.example.com" />
 */
export const VoicemailIndicator = forwardRef<HTMLParagraphElement, VoicemailIndicatorProps>(
  function VoicemailIndicator({ account, className, ...rest }, ref) {
    const mwi = useMessageWaiting(account === undefined ? {} : { account });
    const { presence: messages } = useMessages();
    return (
      <p
        ref={ref}
        role="status"
        className={classNames('sk-voicemail', className)}
        data-sipkit-state={mwi.waiting ? 'waiting' : 'none'}
        data-sipkit-count={mwi.newMessages}
        {...rest}
      >
        <span className="sk-voicemail-lamp" aria-hidden="true" />
        <span className="sk-voicemail-text">
          {mwi.waiting
            ? messages.voicemail(mwi.newMessages, mwi.oldMessages)
            : messages.noVoicemail}
        </span>
      </p>
    );
  },
);
