import type { Library } from './phone.js';

/** The page's query parameters: which library, which user, and whether to answer by itself. */
export interface PhoneConfig {
  readonly library: Library;
  readonly ws: string;
  readonly uri: string;
  readonly password: string;
  /** Answer every incoming call at once (the call-setup callee). */
  readonly autoAnswer: boolean;
  /**
   * JsSIP's weighted `sockets` (query parameter `sockets`, JSON `[{ url, weight }]`); without it
   * one socket on `ws`. The cluster scenarios give node1 weight 10 and node2 weight 1.
   */
  readonly sockets: readonly WeightedSocket[];
  /** Our CRLF keep-alive interval in seconds (`UAOptions.keepAliveInterval`; JsSIP has none). */
  readonly keepAliveInterval: number | undefined;
}

export interface WeightedSocket {
  readonly url: string;
  readonly weight: number;
}

export function readConfig(search: string): PhoneConfig {
  const params = new URLSearchParams(search);
  const library = params.get('library');
  if (library !== 'sipkit' && library !== 'jssip') throw new Error(`unknown library ${library}`);
  const ws = params.get('ws') ?? '';
  const sockets = params.get('sockets');
  const keepAlive = params.get('keepAliveInterval');
  return {
    library,
    ws,
    uri: params.get('uri') ?? '',
    password: params.get('password') ?? '',
    autoAnswer: params.get('autoAnswer') === '1',
    sockets:
      sockets === null ? [{ url: ws, weight: 0 }] : (JSON.parse(sockets) as WeightedSocket[]),
    keepAliveInterval: keepAlive === null ? undefined : Number(keepAlive),
  };
}
