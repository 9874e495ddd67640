import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { parseMessage } from '@sipkit/core';
import type { Fields } from '../fields.js';
import type { Extract, Library } from './library.js';
import { installedVersion } from '../../../versions.js';

type Parse = typeof parseMessage;

/**
 * The function is imported dynamically (so a missing build is reported, not a crash) and typed
 * from the source: if the message API changes, the bench stops typechecking rather than measuring
 * the wrong thing. The correctness pass then checks the values at run time.
 */
function isParse(value: unknown): value is Parse {
  return typeof value === 'function';
}

/** The built entry point: the benchmark measures what ships, not the TypeScript source. */
export const coreDist = fileURLToPath(
  new URL('../../../../../packages/core/dist/index.js', import.meta.url),
);

/**
 * SipKit's `parseMessage` from the built `@sipkit/core`. Reading `from.uri.host` and friends is
 * part of the measured work: whatever the parser defers to first access is paid here.
 */
export const sipkit: Library = {
  id: 'sipkit',
  label: 'SipKit',
  async load() {
    if (!existsSync(coreDist)) {
      return { ok: false, reason: 'not built yet (run `pnpm build` at the repo root)' };
    }
    const core: Record<string, unknown> = await import('@sipkit/core');
    const parse = core['parseMessage'];
    if (!isParse(parse)) {
      return { ok: false, reason: 'not built yet (@sipkit/core does not export parseMessage)' };
    }
    const extract: Extract = (text: string): Fields => {
      const msg = parse(text);
      const request = msg.kind === 'request';
      return {
        method: request ? msg.method : '',
        status: request ? 0 : msg.status,
        fromHost: msg.from.uri.host,
        toUser: msg.to.uri.user ?? '',
        topViaBranch: msg.via[0]?.branch ?? '',
        cseqSeq: msg.cseq.seq,
        cseqMethod: msg.cseq.method,
        callId: msg.callId,
      };
    };
    return { ok: true, version: installedVersion('@sipkit/core'), extract };
  },
};
