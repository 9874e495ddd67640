import { useCall } from '@sipkit/react';
import { forwardRef, useState, type ComponentPropsWithoutRef, type FormEvent } from 'react';
import { normalizeDialString } from '../dial/normalize-dial-string.js';
import { classNames } from '../internal/class-names.js';
import { useMessages } from '../messages/messages-provider.js';
import type { TransferMessages } from '../messages/sipkit-messages.js';

/** Props of `<TransferForm>`. */
export interface TransferFormProps extends Omit<
  ComponentPropsWithoutRef<'form'>,
  'onSubmit' | 'children'
> {
  /** The call to transfer; default the current one. */
  readonly callId?: string;
  /** Called once the REFER was answered, with its status (202: the far end is on it). */
  readonly onTransferred?: (status: number) => void;
}

/**
 * A blind transfer (REFER, RFC 3515): a target field and a "Transfer call" button, and a status
 * line for how far the far end got. Enabled in a confirmed call. `data-sipkit-state` is the transfer's
 * status or `idle`.
 *
 * @example <TransferForm onTransferred={() => setOpen(false)} />
 */
export const TransferForm = forwardRef<HTMLFormElement, TransferFormProps>(function TransferForm(
  { callId, onTransferred, className, ...rest },
  ref,
) {
  const { state, transfer } = useCall(callId);
  const { transfer: text } = useMessages();
  const [target, setTarget] = useState('');
  const transferState = state?.transfer;
  const busy = transferState?.status === 'pending';
  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const to = normalizeDialString(target);
    if (to === '') return;
    // The core refuses a REFER outside a confirmed call; the button is disabled then, but the
    // call can end between render and click.
    transfer(to).then(
      (status) => onTransferred?.(status),
      () => undefined,
    );
  };
  return (
    <form
      ref={ref}
      className={classNames('sk-transfer', className)}
      data-sipkit-state={transferState?.status ?? 'idle'}
      onSubmit={submit}
      {...rest}
    >
      <label className="sk-transfer-label">
        {text.fieldLabel}
        <input
          className="sk-transfer-field"
          type="text"
          dir="auto"
          autoComplete="off"
          value={target}
          onChange={(event) => setTarget(event.target.value)}
          onPaste={(event) => {
            event.preventDefault();
            setTarget(normalizeDialString(event.clipboardData.getData('text')));
          }}
        />
      </label>
      <button
        type="submit"
        className="sk-button"
        data-sipkit-variant="primary"
        disabled={busy || state?.status !== 'confirmed' || normalizeDialString(target) === ''}
      >
        {text.submit}
      </button>
      <p className="sk-transfer-status" role="status">
        {transferText(transferState, text)}
      </p>
    </form>
  );
});

function transferText(
  transfer: NonNullable<ReturnType<typeof useCall>['state']>['transfer'],
  text: TransferMessages,
): string {
  if (transfer === undefined) return '';
  switch (transfer.status) {
    case 'pending':
      return text.pending(transfer.target);
    case 'accepted':
      return text.accepted(transfer.target);
    case 'succeeded':
      return text.succeeded(transfer.target);
    case 'failed':
      return text.failed(transfer.code);
  }
}
