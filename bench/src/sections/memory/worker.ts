/**
 * One library, one process, one measurement: heapUsed growth for `count` idle UAs, or for `count`
 * established calls on one registered UA (against the stateless answering peer, fake media).
 * Started by the memory section with `--expose-gc`. Timers are virtual (lab/virtual-time.ts), so
 * calls can be aged past the 32 s transaction timers without waiting for them.
 */
import { childJob, replyAndExit } from '../../child.js';
import { settledHeap } from '../../heap.js';
import { loadContender, type Contender, type LabCall } from '../../lab/contender.js';
import { LoopbackSocket } from '../../lab/loopback-socket.js';
import { AnsweringPeer } from '../../lab/peer.js';
import { VirtualTime } from '../../lab/virtual-time.js';
import { isMemoryJob, type MemoryJob, type MemoryOutcome } from './protocol.js';

const BOB = 'sip:bob@peer.test';
/** Past 64*T1 = 32 s, the longest transaction timer, and short of any refresh. */
const AGE_MS = 40_000;

async function idle(contender: Contender, job: MemoryJob): Promise<MemoryOutcome> {
  for (let i = 0; i < job.warmup; i++) contender.idle(`warm${i}`);
  const before = await settledHeap();
  const held: unknown[] = [];
  for (let i = 0; i < job.count; i++) held.push(contender.idle(`user${i}`));
  const after = await settledHeap();
  // Read after measuring, so the UAs are certainly alive when the heap is read.
  if (held.length !== job.count) throw new Error('lost a UA');
  const each = (after - before) / job.count;
  return {
    kind: 'measured',
    version: contender.version,
    bytesEach: each,
    setupEach: undefined,
    leftEach: undefined,
    timersLeft: undefined,
  };
}

async function calls(
  contender: Contender,
  job: MemoryJob,
  time: VirtualTime,
): Promise<MemoryOutcome> {
  const peer = new AnsweringPeer();
  const phone = await time.until(contender.registered(new LoopbackSocket(peer, 'alice'), 'alice'));
  for (let i = 0; i < job.warmup; i++) {
    const call = await time.until(phone.call(BOB));
    await time.until(call.hangup());
  }
  await time.pass(AGE_MS);
  const before = await settledHeap();
  const live: LabCall[] = [];
  // One at a time: the heap then holds established calls, not calls still being set up.
  for (let i = 0; i < job.count; i++) live.push(await time.until(phone.call(BOB)));
  const setUp = await settledHeap();
  await time.pass(AGE_MS);
  const aged = await settledHeap();
  if (phone.liveCalls() !== job.count) {
    throw new Error(`${phone.liveCalls()} calls live after ${AGE_MS} ms, expected ${job.count}`);
  }
  for (const call of live.splice(0)) await time.until(call.hangup());
  await time.pass(AGE_MS);
  const hungUp = await settledHeap();
  return {
    kind: 'measured',
    version: contender.version,
    bytesEach: (aged - before) / job.count,
    setupEach: (setUp - before) / job.count,
    leftEach: (hungUp - before) / job.count,
    timersLeft: time.pendingTimers,
  };
}

async function main(): Promise<MemoryOutcome> {
  const job = childJob();
  if (!isMemoryJob(job)) throw new Error(`bad memory job: ${JSON.stringify(job)}`);
  const time = new VirtualTime();
  const contender = await loadContender(job.contender);
  try {
    return await (job.mode === 'idle' ? idle(contender, job) : calls(contender, job, time));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: 'failed', version: contender.version, reason };
  }
}

main().then(replyAndExit, (error: unknown) => {
  console.error(error);
  process.exit(1);
});
