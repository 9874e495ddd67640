/** Which way a message travels on a virtual link. */
export type Direction = 'to-server' | 'to-client';

/** Picks the messages a fault applies to. */
export type MessageMatcher = (message: string, direction: Direction, socketId: string) => boolean;

/** What happens to a matched message. */
export type FaultAction =
  | { readonly kind: 'drop' }
  | { readonly kind: 'delay'; readonly ms: number }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'reorder' };

export interface FaultOptions {
  /** Only messages travelling this way (default: both). */
  readonly direction?: Direction;
  /** Only on this socket (by id, see `VirtualSocket.id`). */
  readonly socketId?: string;
  /** How many messages the fault applies to before it retires (default: unlimited). */
  readonly times?: number;
}

interface FaultRule {
  readonly action: FaultAction;
  readonly matcher: MessageMatcher;
  readonly options: FaultOptions;
  remaining: number;
}

/** Ready-made matchers over raw message text (start line only, so they cost nothing). */
export const matches = {
  any: (): MessageMatcher => () => true,
  /** A request with this method, e.g. `matches.request('INVITE')`. */
  request:
    (method: string): MessageMatcher =>
    (message) =>
      message.startsWith(`${method} `),
  /** A response with this status code, or any status in [from, to]. */
  response:
    (from: number, to: number = from): MessageMatcher =>
    (message) => {
      if (!message.startsWith('SIP/2.0 ')) return false;
      const status = Number(message.slice(8, 11));
      return status >= from && status <= to;
    },
  /** A response to a request of this method, read from the CSeq header. */
  responseTo:
    (method: string): MessageMatcher =>
    (message) =>
      message.startsWith('SIP/2.0 ') &&
      new RegExp(`^CSeq:\\s*\\d+\\s+${method}\\s*$`, 'mi').test(message),
};

/**
 * The faults a test has asked for. Rules apply in the order added; the first that matches wins.
 *
 * @example
 * network.faults.drop(matches.response(200), { times: 1 }); // lose one 200 OK
 * network.faults.delay(2000, matches.request('BYE'));
 */
export class FaultPlan {
  readonly #rules: FaultRule[] = [];

  drop(matcher: MessageMatcher, options: FaultOptions = {}): this {
    return this.#add({ kind: 'drop' }, matcher, options);
  }

  delay(ms: number, matcher: MessageMatcher, options: FaultOptions = {}): this {
    return this.#add({ kind: 'delay', ms }, matcher, options);
  }

  duplicate(matcher: MessageMatcher, options: FaultOptions = {}): this {
    return this.#add({ kind: 'duplicate' }, matcher, options);
  }

  /** Holds a matched message back until the next message on the same link has gone past it. */
  reorder(matcher: MessageMatcher, options: FaultOptions = {}): this {
    return this.#add({ kind: 'reorder' }, matcher, options);
  }

  clear(): void {
    this.#rules.length = 0;
  }

  /** The action for this message, consuming one use of the rule that matched. */
  actionFor(message: string, direction: Direction, socketId: string): FaultAction | undefined {
    const rule = this.#rules.find(
      (r) =>
        r.remaining > 0 &&
        (r.options.direction === undefined || r.options.direction === direction) &&
        (r.options.socketId === undefined || r.options.socketId === socketId) &&
        r.matcher(message, direction, socketId),
    );
    if (rule === undefined) return undefined;
    rule.remaining -= 1;
    return rule.action;
  }

  #add(action: FaultAction, matcher: MessageMatcher, options: FaultOptions): this {
    this.#rules.push({ action, matcher, options, remaining: options.times ?? Infinity });
    return this;
  }
}
