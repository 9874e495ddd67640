import { DEV } from '../dev-mode.js';
import type { UALogger } from '@sipkit/core';
import type { SipActions } from '../client/sip-actions.js';

/**
 * An action that failed in the owner tab, as the follower that asked for it sees it: the
 * original error's `name` (`ConfigurationError`, `Error`...), message and parameter at fault,
 * carried across as plain data.
 *
 * @example
 * try { await actions.transfer(id, 'carol'); } catch (e) { if (e instanceof TabActionError) show(e.parameter); }
 */
export class TabActionError extends Error {
  /** The option or argument at fault, when the original error named one. */
  readonly parameter: string | undefined;

  constructor(error: ActionFailure) {
    super(error.message);
    this.name = error.name;
    this.parameter = error.parameter;
  }
}

/**
 * An error as it crosses between tabs.
 *
 * @example const failure: ActionFailure = { name: 'Error', message: 'no UA', parameter: undefined };
 */
export interface ActionFailure {
  readonly name: string;
  readonly message: string;
  readonly parameter: string | undefined;
}

/**
 * The body of `action/request`: a `SipActions` method and its arguments, plain data only.
 * `localId` is the id the follower's `call()` already returned for the new call.
 *
 * @example group.send('action/request', { requestId: 'r1', method: 'hangup', args: [id] }, ownerId);
 */
export interface ActionRequest {
  readonly requestId: string;
  readonly method: ForwardedMethod;
  readonly args: readonly unknown[];
  readonly localId?: string;
}

/**
 * The body of `action/result`, sent back to the asking tab only.
 *
 * @example group.send('action/result', { requestId, ok: true, value: 0 }, from);
 */
export type ActionResult =
  | { readonly requestId: string; readonly ok: true; readonly value: unknown }
  | { readonly requestId: string; readonly ok: false; readonly error: ActionFailure };

/**
 * The actions each tab keeps for itself: device choices (each tab has its own microphone and
 * speaker, and the media tab of a call uses its own).
 */
type LocalMethod = 'chooseDevice' | 'setDevices';

/**
 * Every `SipActions` method that goes to the owner.
 *
 * @example const method: ForwardedMethod = 'hangup';
 */
export type ForwardedMethod = Exclude<keyof SipActions, LocalMethod>;

/** Methods that return nothing: a failure in the owner is logged, not thrown. */
const FIRE_AND_FORGET: ReadonlySet<ForwardedMethod> = new Set<ForwardedMethod>([
  'register',
  'unregister',
  'answer',
  'decline',
  'hangup',
  'mute',
  'unmute',
  'sendDTMF',
  'acceptTransfer',
  'declineTransfer',
  'dismissCall',
  'setCurrentCall',
  'call',
]);

const ASYNC: readonly ForwardedMethod[] = [
  'start',
  'stop',
  'hold',
  'unhold',
  'restartIce',
  'renegotiate',
  'transfer',
  'sendMessage',
];

/**
 * Where a follower's actions go: `send` reaches the owner (or returns false when none is known
 * yet, and the request waits for one).
 */
export interface ForwardingLink {
  readonly tabId: () => string;
  readonly send: (request: ActionRequest) => boolean;
  readonly logger: UALogger;
}

interface Pending {
  readonly request: ActionRequest;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * A follower's side of action forwarding: sends each action to the owner, settles the promise
 * when the answer comes, and rejects what was in flight when the owner goes away (a request
 * may or may not have run there; sending it again could, say, place a call twice).
 *
 * @example
 * const forwarder = new ActionForwarder(link);
 * const actions = forwarder.actions();
 * group.on('message', ({ topic, body }) => topic === 'action/result' && forwarder.settle(body));
 */
export class ActionForwarder {
  readonly #link: ForwardingLink;
  readonly #pending = new Map<string, Pending>();
  #queue: Pending[] = [];
  #seq = 0;

  constructor(link: ForwardingLink) {
    this.#link = link;
  }

  /** The forwarding `SipActions` (without the tab's own device actions). */
  actions(): Omit<SipActions, LocalMethod> {
    const forward =
      (method: ForwardedMethod) =>
      (...args: unknown[]): unknown =>
        this.#forward(method, args);
    const actions = Object.fromEntries(
      [...FIRE_AND_FORGET, ...ASYNC].map((method) => [method, forward(method)]),
    ) as Record<ForwardedMethod, (...args: unknown[]) => unknown>;
    // `call()` answers at once with an id of this tab's making, which the owner records.
    actions.call = (...args: unknown[]) => {
      const localId = `${this.#link.tabId()}:${this.#next()}`;
      this.#forward('call', args, localId);
      return localId;
    };
    return actions as unknown as Omit<SipActions, LocalMethod>;
  }

  /** An `action/result` arrived. */
  settle(result: ActionResult): void {
    const pending = this.#pending.get(result.requestId);
    if (pending === undefined) return;
    this.#pending.delete(result.requestId);
    if (result.ok) pending.resolve(result.value);
    else pending.reject(new TabActionError(result.error));
  }

  /**
   * The owner changed (or is first known): what it may not have run is rejected, what waited
   * for an owner is sent now.
   */
  ownerChanged(): void {
    for (const pending of this.#pending.values()) {
      pending.reject(
        new TabActionError({
          name: 'TabOwnerGoneError',
          message: DEV
            ? `the tab running the phone went away before it answered ${pending.request.method}(); try again`
            : `react.owner-gone ${pending.request.method}`,
          parameter: undefined,
        }),
      );
    }
    this.#pending.clear();
    const queue = this.#queue;
    this.#queue = [];
    for (const pending of queue) this.#send(pending);
  }

  /** Rejects everything (the member leaves the group). */
  close(): void {
    this.ownerChanged();
    for (const pending of this.#queue) {
      pending.reject(new Error(DEV ? 'the provider was unmounted' : 'react.unmounted'));
    }
    this.#queue = [];
  }

  #forward(method: ForwardedMethod, args: readonly unknown[], localId?: string): unknown {
    const request: ActionRequest = {
      requestId: `${this.#link.tabId()}:r${this.#next()}`,
      method,
      args: plainData(args) as readonly unknown[],
      ...(localId === undefined ? {} : { localId }),
    };
    const promise = new Promise<unknown>((resolve, reject) =>
      this.#send({ request, resolve, reject }),
    );
    if (!FIRE_AND_FORGET.has(method)) return promise;
    promise.catch((error: unknown) =>
      this.#link.logger.warn(
        DEV
          ? `sipkit/react: ${method}() failed in the owner tab`
          : `react.owner-action-failed ${method}`,
        error,
      ),
    );
    return undefined;
  }

  #send(pending: Pending): void {
    if (this.#link.send(pending.request)) this.#pending.set(pending.request.requestId, pending);
    else this.#queue.push(pending);
  }

  #next(): number {
    this.#seq += 1;
    return this.#seq;
  }
}

/**
 * A copy with what cannot cross to another tab left out: functions (event handlers), class
 * instances (a `MediaStream` the app passed: the media tab gets its own media).
 *
 * @example plainData([{ mediaStream, extraHeaders: ['X-A: 1'] }]) // [{ extraHeaders: ['X-A: 1'] }]
 */
export function plainData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainData);
  if (value === null || typeof value !== 'object')
    return typeof value === 'function' ? undefined : value;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return undefined;
  const copy: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    const plain = plainData(entry);
    if (plain !== undefined) copy[key] = plain;
  }
  return copy;
}

/**
 * An error as plain data for `action/result`.
 *
 * @example group.send('action/result', { requestId, ok: false, error: actionFailureOf(error) }, from);
 */
export function actionFailureOf(error: unknown): ActionFailure {
  if (error instanceof Error) {
    const parameter = (error as { readonly parameter?: unknown }).parameter;
    return {
      name: error.name,
      message: error.message,
      parameter: typeof parameter === 'string' ? parameter : undefined,
    };
  }
  return { name: 'Error', message: String(error), parameter: undefined };
}
