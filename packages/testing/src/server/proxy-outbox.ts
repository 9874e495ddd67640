import type { OutgoingMessage } from '@sipkit/core';
import type { ServerConnection } from '../network/server-connection.js';
import { minimalBadRequest, trySerialize } from './safe-reply.js';

/** Where the proxy's lines go: one per message (`log`), one per refusal or limit (`warn`). */
export interface ProxyLog {
  log(line: string): void;
  warn(line: string): void;
}

/**
 * The proxy's open connections and the one way it sends on them, which never throws: a message
 * that cannot be serialized is logged and not sent, so no request can turn the reply path into
 * a crash.
 *
 * @example outbox.send(connection, createResponse(request, 404), { ownReply: true })
 */
export class ProxyOutbox {
  readonly #connections = new Map<string, ServerConnection>();
  readonly #log: ProxyLog;

  constructor(log: ProxyLog) {
    this.#log = log;
  }

  add(connection: ServerConnection): void {
    this.#connections.set(connection.id, connection);
  }

  remove(connectionId: string): void {
    this.#connections.delete(connectionId);
  }

  sendTo(connectionId: string, message: OutgoingMessage): boolean {
    const connection = this.#connections.get(connectionId);
    return connection !== undefined && this.send(connection, message);
  }

  /**
   * `ownReply`: a response this server generated, which copies the request's From, To and Via;
   * when one of those cannot be serialized a minimal 400 goes instead.
   */
  send(to: ServerConnection, message: OutgoingMessage, ownReply = false): boolean {
    let text = trySerialize(message);
    if (text === undefined && ownReply && !('method' in message)) {
      this.#log.warn(
        `! ${to.id} a header of the request cannot be echoed: answering a minimal 400`,
      );
      text = trySerialize(minimalBadRequest(message));
    }
    if (text === undefined) {
      this.#log.warn(`! ${to.id} message not sent: it cannot be serialized`);
      return false;
    }
    this.#log.log(`< ${to.id} ${text.slice(0, text.indexOf('\r\n'))}`);
    return to.send(text);
  }
}
