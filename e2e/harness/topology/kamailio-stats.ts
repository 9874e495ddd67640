/** Kamailio's own counters of what reached it, read over its RPC (`stats.get_statistics`). */
export interface KamailioCounters {
  /** WebSocket upgrades Kamailio accepted since it started (`websocket:ws_successful_handshakes`). */
  readonly wsHandshakes: number;
  /** WebSocket connections open now (`websocket:ws_current_connections`). */
  readonly wsOpen: number;
  /** REGISTERs saved by the registrar, un-REGISTERs included (`registrar:accepted_regs`). */
  readonly acceptedRegisters: number;
  /** Contacts in usrloc now, every AOR together (`usrloc:location_contacts`). */
  readonly contacts: number;
}

const NAMES = {
  wsHandshakes: 'websocket:ws_successful_handshakes',
  wsOpen: 'websocket:ws_current_connections',
  acceptedRegisters: 'registrar:accepted_regs',
  contacts: 'usrloc:location_contacts',
} as const;

/**
 * Reads the counters of a Kamailio (anything with a kamcmd `rpc`): what the proxy itself saw,
 * independent of what the browser says it sent.
 *
 * @example const before = await kamailioCounters(topology.kamailio);
 */
export async function kamailioCounters(kamailio: {
  rpc(...command: string[]): Promise<string>;
}): Promise<KamailioCounters> {
  const text = [
    await kamailio.rpc('stats.get_statistics', 'websocket:'),
    await kamailio.rpc('stats.get_statistics', 'registrar:'),
    await kamailio.rpc('stats.get_statistics', 'usrloc:'),
  ].join('\n');
  // kamcmd prints one `group:name = value` line per statistic.
  const read = (name: string): number => {
    const match = new RegExp(`^${name} = (\\d+)$`, 'm').exec(text);
    if (match === null) throw new Error(`kamcmd stats: no ${name} in\n${text}`);
    return Number(match[1]);
  };
  return {
    wsHandshakes: read(NAMES.wsHandshakes),
    wsOpen: read(NAMES.wsOpen),
    acceptedRegisters: read(NAMES.acceptedRegisters),
    contacts: read(NAMES.contacts),
  };
}
