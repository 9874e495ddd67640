import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { assertLoopbackOnly } from './network.js';

const run = promisify(execFile);
const TABLE = 'sipkit_e2e_cut';

/**
 * Drops every UDP packet inside the suite's own network namespace (nftables), which cuts the
 * media path between two browser pages (their ICE checks and RTP are UDP on 127.0.0.1) and
 * leaves the WebSocket signalling (TCP) up. Refuses to run outside a loopback-only namespace,
 * so the machine's own firewall is never touched. `restore()` deletes the table again.
 *
 * @example const cut = await cutUdp(); await sleep(10_000); await cut.restore();
 */
export async function cutUdp(): Promise<{ restore(): Promise<void> }> {
  assertLoopbackOnly();
  await run('nft', ['add', 'table', 'inet', TABLE]);
  await run('nft', [
    ...['add', 'chain', 'inet', TABLE, 'input'],
    '{ type filter hook input priority 0 ; policy accept ; }',
  ]);
  await run('nft', ['add', 'rule', 'inet', TABLE, 'input', 'meta', 'l4proto', 'udp', 'drop']);
  let restored = false;
  return {
    async restore() {
      if (restored) return;
      restored = true;
      await run('nft', ['delete', 'table', 'inet', TABLE]);
    },
  };
}
