/** One SIP message of a trace, as the UA sent or received it (secrets already redacted). */
export interface TracedMessage {
  /** Unique within the trace, rising: a stable React key. */
  readonly id: number;
  readonly direction: 'sent' | 'received';
  /** Milliseconds since the epoch, when the UA logged it. */
  readonly time: number;
  readonly callId: string;
  readonly kind: 'request' | 'response';
  /** The request's method, or for a response the method its CSeq names. */
  readonly method: string;
  /** Responses only. */
  readonly status: number | undefined;
  readonly reason: string | undefined;
  readonly cseq: number;
  /** The From tag (the caller's tag for requests of the caller and all responses to them). */
  readonly fromTag: string | undefined;
  /** What an arrow says: `INVITE`, `180 Ringing`. */
  readonly summary: string;
  /** The whole message text. */
  readonly raw: string;
}
