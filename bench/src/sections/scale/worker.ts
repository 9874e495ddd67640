/**
 * One UA of one library answering `calls` concurrent incoming calls from the answering peer
 * (lab/peer.ts) on `@sipkit/testing`'s in-memory network, with fake media, on real timers: the
 * time to set them all up, each call's setup latency, and process CPU per SIP message.
 */
import { SipNetwork } from '@sipkit/testing';
import { childJob, replyAndExit } from '../../child.js';
import { loadContender, within } from '../../lab/contender.js';
import { AnsweringPeer } from '../../lab/peer.js';
import { isScaleJob, type ScaleOutcome } from './protocol.js';

async function main(): Promise<ScaleOutcome> {
  const job = childJob();
  if (!isScaleJob(job)) throw new Error(`bad scale job: ${JSON.stringify(job)}`);
  const contender = await loadContender(job.contender);
  const { version } = contender;
  try {
    const peer = new AnsweringPeer();
    // The peer is the network's server end; the UA's VirtualSocket has JsSIP's socket shape, so
    // all three libraries run on it as they are.
    const socket = new SipNetwork({ endpoint: peer, host: 'sip.test' }).createSocket('gateway');
    const phone = await contender.registered(socket, 'gateway');
    phone.autoAnswer();
    for (let i = 0; i < job.warmup; i++) {
      const call = await within(peer.invite(), 10_000, 'warm-up call');
      await within(peer.bye(call.callId), 10_000, 'warm-up BYE');
    }
    // Let the warm-up's stragglers (ACK handling, transaction cleanup) finish off the clock.
    await new Promise((resolve) => setTimeout(resolve, 50));

    const messagesBefore = peer.messagesIn + peer.messagesOut;
    const cpuBefore = process.cpuUsage();
    const rampStart = performance.now();
    const latencies: number[] = [];
    const callIds: string[] = [];
    while (callIds.length < job.calls) {
      const size = Math.min(job.wave, job.calls - callIds.length);
      const wave = Array.from({ length: size }, () => peer.invite());
      for (const call of await within(Promise.all(wave), 60_000, 'a wave of INVITEs')) {
        latencies.push(call.setupMs);
        callIds.push(call.callId);
      }
    }
    const setupWallMs = performance.now() - rampStart;
    const peakCalls = phone.liveCalls();
    const teardownStart = performance.now();
    for (let i = 0; i < callIds.length; i += job.wave) {
      const wave = callIds.slice(i, i + job.wave).map((id) => peer.bye(id));
      await within(Promise.all(wave), 60_000, 'a wave of BYEs');
    }
    const teardownWallMs = performance.now() - teardownStart;
    const cpu = process.cpuUsage(cpuBefore);
    return {
      kind: 'measured',
      version,
      calls: job.calls,
      peakCalls,
      setupWallMs,
      setupLatencyMs: latencies,
      teardownWallMs,
      cpuMicros: cpu.user + cpu.system,
      messages: peer.messagesIn + peer.messagesOut - messagesBefore,
    };
  } catch (error) {
    return {
      kind: 'failed',
      version,
      reason: error instanceof Error ? error.message : String(error),
    };
  }
}

main().then(replyAndExit, (error: unknown) => {
  console.error(error);
  process.exit(1);
});
