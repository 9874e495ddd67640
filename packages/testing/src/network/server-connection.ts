/**
 * One client connection as a SIP server sees it, whatever carries it: a virtual link in tests and
 * stories, a real WebSocket in the dev server. The registrar/proxy is written against this alone,
 * which is how one implementation serves both.
 */
export interface ServerConnection {
  /** Unique for the life of the server, e.g. `c7`. */
  readonly id: string;
  /** Where the client is, for logs and Via `received`/`rport` (e.g. `127.0.0.1:53012`). */
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** Sends one SIP message; false when the connection is gone. */
  send(message: string): boolean;
  /** Closes the connection from the server side. */
  close(): void;
  /**
   * Called by the endpoint once a well-formed SIP message arrived on this connection. A host that
   * closes connections which never speak SIP (the WebSocket host's idle timeout) stops its timer.
   */
  messageAccepted?(): void;
}

/**
 * What a SIP server offers to whatever carries messages to it.
 *
 * @example
 * const endpoint: SipServerEndpoint = new SipProxyServer({ domain: 'example.com' });
 * const network = new SipNetwork({ endpoint });
 */
export interface SipServerEndpoint {
  connectionOpened(connection: ServerConnection): void;
  messageReceived(connection: ServerConnection, message: string): void;
  connectionClosed(connection: ServerConnection): void;
}
