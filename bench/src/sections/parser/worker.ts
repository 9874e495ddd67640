/**
 * One library, one process: loads the library and the corpus, reads every message once for the
 * correctness check, warms up, then times a few samples of whole corpus passes. Started by the parser section
 * through runChild; `tsx src/sections/parser/worker.ts '{"library":"naive",...}'` runs it by hand.
 */
import { childJob, replyAndExit } from '../../child.js';
import { loadCorpus } from './corpus.js';
import type { Fields } from './fields.js';
import { score } from './fields.js';
import { libraryById } from './libraries/index.js';
import { measure, warmUp } from './measure.js';
import type { ParserOutcome } from './protocol.js';
import { isParserJob } from './protocol.js';

async function main(): Promise<ParserOutcome> {
  const job = childJob();
  if (!isParserJob(job)) throw new Error(`bad parser job: ${JSON.stringify(job)}`);
  const library = libraryById(job.library);
  if (library === undefined) throw new Error(`unknown library ${job.library}`);
  const corpus = loadCorpus();
  const loaded = await library.load();
  if (!loaded.ok) return { kind: 'unavailable', reason: loaded.reason };
  const { extract, version } = loaded;

  // tsx turns source maps on; that makes every Error built by a parser (some use exceptions for
  // control flow) slower than in a browser, so measure with them off.
  process.setSourceMapsEnabled(false);

  const fields: Fields[] = [];
  for (const message of corpus) {
    try {
      fields.push(extract(message.text));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { kind: 'failed', version, reason: `${message.name}: ${reason}` };
    }
  }
  const texts = corpus.map((message) => message.text);
  const perPass = fields.reduce((sum, f) => sum + score(f), 0);

  const warm = warmUp(extract, texts, job.warmup);
  const bytesPerPass = texts.reduce((sum, text) => sum + Buffer.byteLength(text, 'utf8'), 0);
  const sampleRates: number[] = [];
  let passes = 0;
  let nanoseconds = 0n;
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < job.measure.samples; i++) {
    const sample = measure(extract, texts, job.measure.sampleMs, warm.passesPerBatch);
    // Every timed pass must have read exactly what the correctness pass read.
    if (sample.checksum !== sample.passes * perPass) {
      return {
        kind: 'failed',
        version,
        reason: 'results changed between passes (checksum mismatch)',
      };
    }
    sampleRates.push((sample.passes * texts.length) / (Number(sample.nanoseconds) / 1e9));
    passes += sample.passes;
    nanoseconds += sample.nanoseconds;
  }
  const cpu = process.cpuUsage(cpuBefore);
  return {
    kind: 'measured',
    version,
    fields,
    sampleRates,
    messages: passes * texts.length,
    bytes: passes * bytesPerPass,
    seconds: Number(nanoseconds) / 1e9,
    warmupSeconds: warm.milliseconds / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

main().then(replyAndExit, (error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
