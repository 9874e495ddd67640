/**
 * The only error the event-package parsers throw: a body that is not well-formed XML (or, for
 * message-summary, not the RFC 3842 text format) or lacks what its package requires. `body`
 * names the package, `offset` the character where reading stopped when it is known.
 *
 * @example
 * try { parsePresence(body); } catch (e) {
 *   if (e instanceof EventBodyError) console.warn(`bad ${e.body} body at ${e.offset}: ${e.message}`);
 * }
 */
export class EventBodyError extends Error {
  override readonly name = 'EventBodyError';
  /** Which body: `xml` (the reader), `presence`, `dialog-info` or `message-summary`. */
  readonly body: string;
  /** Character offset in the body where the problem was found, when known. */
  readonly offset: number | undefined;

  constructor(body: string, problem: string, offset?: number) {
    super(offset === undefined ? `${body}: ${problem}` : `${body}: ${problem} (at ${offset})`);
    this.body = body;
    this.offset = offset;
  }
}
