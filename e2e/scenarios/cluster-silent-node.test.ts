// Issue 20 scenario 3: the two-node cluster of cluster-failover.test.ts, node1 made silent during
// a call. Silent = SIGSTOP to node1's whole process group (KamailioNode.silence()): the kernel
// keeps its sockets, so the open WebSocket stays up and carries nothing back, and a new
// connection to it gets a TCP handshake and then no WebSocket upgrade, ever. That is what a UA
// sees of a host that vanished behind a firewall or a dead NAT (nothing refused, nothing
// answered) without packet filtering, which this machine has no nftables/iptables for; and
// unlike a DROP rule it silences only node1, not every process on 127.0.0.2.
//
// A UA can only notice an open connection going silent by its own traffic: ours sends RFC 5626
// CRLF keep-alives (keepAliveInterval 1 s here; a missing pong fails the flow after the
// transport's 10 s keep_alive_timeout); JsSIP has no keep-alive. The goal (issue 20): registered
// on node2 within connection_recovery_min_interval + 3 s of noticing. The call's media goes
// browser to browser, so what is measured for the call is its signalling: does it go on, or end
// with a cause. Ours refreshes the call's target over node2 once registered there (issue 20's
// signalling recovery), and the call survives: node2 drops node1's hops from the route set and
// the far end's BYE still reaches us.
import { expect, test } from 'vitest';
import type { Library } from '../page/phone/phone.js';
import { useCluster } from '../harness/cluster.js';
import {
  audioRisesAbove,
  callStory,
  openClusterPhones,
  packetsIn,
  placeCall,
  RECOVERY_MIN_INTERVAL_S,
} from '../harness/cluster-calls.js';
import { usePhones } from '../harness/phones.js';
import { writeResults } from '../harness/results.js';

const cluster = useCluster('cluster-silent-node');
const phones = usePhones({
  registry: cluster.registry,
  get kamailio() {
    return cluster.node2;
  },
});
const LIBRARIES: readonly Library[] = ['sipkit', 'jssip'];
/** Seconds between our CRLF pings; a pong missing for 10 s more fails the connection. */
const KEEP_ALIVE_INTERVAL_S = 1;
/** How long a UA gets to notice the silence and register on node2 (ours needs ~11 + 2-4 s). */
const OBSERVE_MS = 20_000;
const results: Record<string, Record<string, unknown>> = {};

for (const library of LIBRARIES) {
  test(`${library}: node1 silent during a call`, { timeout: 90_000 }, async () => {
    await cluster.ensureUp();
    const { node1, node2 } = cluster;
    const { a, b } = await openClusterPhones(phones, cluster, library, {
      keepAliveInterval: KEEP_ALIVE_INTERVAL_S,
    });
    const { caller, callee } = await placeCall(b, a);
    await audioRisesAbove(a, callee, 0);
    // Kamailio answers the CRLF pings of a healthy node: no connection lost so far.
    expect((await a.uaEvents()).filter((e) => e.name === 'disconnected')).toEqual([]);

    const silencedAt = await a.now();
    node1.silence();
    const registered = await a.uaEvent('registered', silencedAt, OBSERVE_MS);
    const events = (await a.uaEvents()).filter((e) => e.at >= silencedAt);
    const lost = events.find((e) => e.name === 'disconnected');
    const connectedTo = events.filter((e) => e.name === 'connected').at(-1)?.url;

    // Ours refreshes the call's target over node2 (issue 20), which drops node1's hops.
    const refreshed =
      library === 'sipkit' && registered !== undefined
        ? await a.event(callee, 'connection:connected', { timeoutMs: 10_000 })
        : undefined;
    // The call after the failover (or after the observation window): media and events.
    const aPackets = await packetsIn(a, callee);
    const bPackets = await packetsIn(b, caller);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const mediaGoesOn =
      (await packetsIn(a, callee)) > aPackets && (await packetsIn(b, caller)) > bPackets;
    const storyAfter = await callStory(a, callee);
    const endedEarly = [
      ...(await a.events(callee, 'ended')),
      ...(await a.events(callee, 'failed')),
    ][0];

    // Then the far end hangs up; if its BYE never arrives, ours. node2 gives the silent node1
    // 2 s, then tries the Contact's connection itself (cluster.cfg, CLUSTER_PEER_GONE).
    await b.hangup(caller);
    await b.event(caller, 'ended');
    const byeReached = await a
      .event(callee, 'ended', { timeoutMs: 8000 })
      .then(() => true)
      .catch(() => false);
    if (!byeReached && endedEarly === undefined) await a.hangup(callee);
    const end = [...(await a.events(callee, 'ended')), ...(await a.events(callee, 'failed'))][0];

    const outcome = {
      noticedMs: lost === undefined ? null : Math.round(lost.at - silencedAt),
      lostReason: lost?.cause ?? null,
      failoverAfterNoticeMs:
        registered === undefined || lost === undefined ? null : Math.round(registered.at - lost.at),
      failoverAfterSilenceMs:
        registered === undefined ? null : Math.round(registered.at - silencedAt),
      registeredOn: registered === undefined ? null : connectedTo,
      targetRefreshedAfterSilenceMs:
        refreshed === undefined ? null : Math.round(refreshed.at - silencedAt),
      mediaGoesOn,
      callAfterFailover: storyAfter,
      farEndByeReached: byeReached,
      callEnd: `${end?.name}/${end?.originator}(${end?.cause})`,
    };
    results[library] = outcome;
    console.log(`cluster silent node1 during a call, ${library}: ${JSON.stringify(outcome)}`);

    // Whatever the library, the call ended with a cause and nothing threw on the pages.
    expect(end?.cause).toBeTruthy();
    expect([...a.errors, ...b.errors]).toEqual([]);
    if (library === 'sipkit') {
      // Ours noticed by its keep-alive and failed over within the issue 20 goal.
      expect(lost, 'the silent connection is noticed').toBeDefined();
      expect(registered, 'registered again').toBeDefined();
      expect(connectedTo).toBe(node2.wsUrl);
      expect(outcome.failoverAfterNoticeMs).toBeLessThanOrEqual(
        (RECOVERY_MIN_INTERVAL_S + 3) * 1000,
      );
      // The call survives: the media path never touched node1, and the far end's BYE reaches us.
      expect(refreshed, 'target refreshed over node2').toBeDefined();
      expect(mediaGoesOn).toBe(true);
      expect(byeReached).toBe(true);
      expect(end?.originator).toBe('remote');
    }
    await Promise.all([a.close(), b.close()]);
    await node1.stop(); // SIGCONT + SIGTERM: the next test starts a fresh node1
  });
}

test('results side by side', () => {
  const path = writeResults(cluster.runDir, 'cluster-silent-node.json', results);
  console.log(`cluster silent node results: ${JSON.stringify(results)} | ${path}`);
  expect(Object.keys(results)).toHaveLength(LIBRARIES.length);
});
