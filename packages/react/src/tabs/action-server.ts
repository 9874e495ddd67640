import type { SipActions } from '../client/sip-actions.js';
import {
  actionFailureOf,
  type ActionRequest,
  type ActionResult,
  type ForwardedMethod,
} from './forwarded-actions.js';
import type { CallAlias } from './store-mirror.js';

/** Methods whose first argument is a call id (the follower may know the call by its own id). */
const BY_CALL_ID: ReadonlySet<ForwardedMethod> = new Set<ForwardedMethod>([
  'answer',
  'decline',
  'hangup',
  'hold',
  'unhold',
  'restartIce',
  'renegotiate',
  'mute',
  'unmute',
  'sendDTMF',
  'acceptTransfer',
  'declineTransfer',
  'transfer',
  'dismissCall',
  'setCurrentCall',
]);

/**
 * The owner's side of action forwarding: runs each tab's actions on the owner's UA, keeps which
 * tab placed or answered which call (its media tab) and under which id it knows it.
 *
 * @example
 * const server = new ActionServer(actions, selfId, (tabId, key, run) => run());
 * group.on('message', async ({ from, topic, body }) => topic === 'action/request' && reply(await server.run(body, from)));
 */
export class ActionServer {
  readonly #actions: SipActions;
  readonly #self: () => string;
  readonly #withMediaTab: (tabId: string, key: string, run: () => unknown) => unknown;
  /** By session id. */
  readonly #aliases = new Map<string, CallAlias>();
  /** A follower's own call ids, to session ids. */
  readonly #localIds = new Map<string, string>();

  /**
   * @param withMediaTab runs `run` so that the media handler it creates lives in tab `tabId`
   *   under `key` (the id that tab knows the call by).
   */
  constructor(
    actions: SipActions,
    self: () => string,
    withMediaTab: (tabId: string, key: string, run: () => unknown) => unknown,
  ) {
    this.#actions = actions;
    this.#self = self;
    this.#withMediaTab = withMediaTab;
  }

  /** Which tab runs each call's media (calls of the owner's own media are not listed). */
  aliases(): readonly CallAlias[] {
    return [...this.#aliases.values()];
  }

  /** The media tab of a session, when it is another tab. */
  mediaTabOf(sessionId: string): string | undefined {
    return this.#aliases.get(sessionId)?.tabId;
  }

  /** Takes over what the previous owner knew (a takeover). */
  adopt(aliases: readonly CallAlias[]): void {
    for (const alias of aliases) this.#remember(alias);
  }

  /** Forgets a call (ended). */
  forget(sessionId: string): void {
    const alias = this.#aliases.get(sessionId);
    if (alias?.localId !== undefined) this.#localIds.delete(alias.localId);
    this.#aliases.delete(sessionId);
  }

  /** The session id of a call the caller may know by a follower's own id. */
  sessionIdOf(id: string): string {
    return this.#localIds.get(id) ?? id;
  }

  /** Runs one forwarded action and says how it went (errors as plain data). */
  async run(request: ActionRequest, from: string): Promise<ActionResult> {
    const { requestId, method } = request;
    const args = [...request.args];
    if (BY_CALL_ID.has(method) && typeof args[0] === 'string') args[0] = this.sessionIdOf(args[0]);
    const action = this.#actions[method] as (...values: unknown[]) => unknown;
    try {
      let value: unknown;
      if ((method === 'call' || method === 'answer') && from !== this.#self()) {
        const key = method === 'call' ? (request.localId ?? requestId) : String(args[0]);
        value = this.#withMediaTab(from, key, () => action(...args));
        const sessionId = method === 'call' ? String(value) : key;
        this.#remember({ localId: request.localId, sessionId, tabId: from });
        // The follower knows its new call by its own id; the session id means nothing there.
        if (method === 'call') value = request.localId;
      } else {
        value = await action(...args);
      }
      return { requestId, ok: true, value };
    } catch (error) {
      return { requestId, ok: false, error: actionFailureOf(error) };
    }
  }

  #remember(alias: CallAlias): void {
    this.#aliases.set(alias.sessionId, alias);
    if (alias.localId !== undefined) this.#localIds.set(alias.localId, alias.sessionId);
  }
}
