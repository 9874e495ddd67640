import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Fields } from '../fields.js';
import type { Extract, Library } from './library.js';
import { installedVersion } from './versions.js';

/**
 * The slice of SipKit's message API the benchmark reads, written out here rather than imported so
 * the bench typechecks while the parser is still being written; `asParse` checks it at run time.
 */
interface SipKitMessage {
  readonly kind: 'request' | 'response';
  readonly method?: string;
  readonly status?: number;
  readonly callId: string;
  readonly cseq: { readonly seq: number; readonly method: string };
  readonly from: { readonly uri: { readonly host: string } };
  readonly to: { readonly uri: { readonly user?: string | undefined } };
  readonly via: readonly { readonly branch?: string | undefined }[];
}

type Parse = (text: string) => SipKitMessage;

function isParse(value: unknown): value is Parse {
  return typeof value === 'function';
}

/** The built entry point: the benchmark measures what ships, not the TypeScript source. */
export const coreDist = fileURLToPath(
  new URL('../../../../../packages/core/dist/index.js', import.meta.url),
);

/**
 * SipKit's `parseMessage` from the built `@sipkit/core`. Reading `from.uri.host` and friends is
 * part of the measured work: if the parser is lazy, this is where it pays.
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
        method: request ? (msg.method ?? '') : '',
        status: request ? 0 : (msg.status ?? 0),
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
