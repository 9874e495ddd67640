// Property tests: whatever the body, the event-package parsers return or throw EventBodyError,
// never anything else. `pnpm fuzz` runs them with SIPKIT_FUZZ_RUNS=1000000.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDialogInfo, parseDialogInfo } from './dialog-info.js';
import { EventBodyError } from './event-body-error.js';
import { buildMessageSummary, parseMessageSummary } from './message-summary.js';
import { buildPresence, parsePresence } from './presence.js';
import { parseXml } from './xml-reader.js';

const RUNS = Number(process.env['SIPKIT_FUZZ_RUNS']) || 2_000;
const TIMEOUT = RUNS > 10_000 ? 24 * 3_600_000 : 60_000;

const parsers = [parseXml, parsePresence, parseDialogInfo, parseMessageSummary];

function onlyBodyErrors(body: string): void {
  for (const parse of parsers) {
    try {
      parse(body);
    } catch (error) {
      if (!(error instanceof EventBodyError)) throw error;
    }
  }
}

const samples = [
  buildPresence({ entity: 'sip:a@b', open: true, activities: ['away'], note: 'n' }),
  buildDialogInfo({
    entity: 'sip:a@b',
    version: 1,
    dialogs: [
      {
        id: 'x',
        state: 'early',
        remote: { identity: 'sip:c@d', displayName: 'C', target: 'sip:c@e' },
      },
    ],
  }),
  buildMessageSummary({ waiting: true, account: 'sip:vm@b', voice: { new: 1, old: 2 } }),
];

/** A valid body with one slice replaced by random text. */
const mutated = fc
  .tuple(
    fc.constantFrom(...samples),
    fc.nat(),
    fc.nat(8),
    fc.string({ unit: 'binary', maxLength: 12 }),
  )
  .map(([body, at, length, insert]) => {
    const start = at % (body.length + 1);
    return body.slice(0, start) + insert + body.slice(start + length);
  });

const markup = fc
  .array(
    fc.constantFrom(
      '<',
      '>',
      '/',
      '=',
      '"',
      "'",
      '&',
      ';',
      '#x',
      'a',
      ':',
      ' ',
      '<!--',
      '-->',
      '<![CDATA[',
      ']]>',
      '<?',
      '?>',
      'xmlns',
      'xmlns:p',
      'p:',
    ),
    {
      maxLength: 40,
    },
  )
  .map((parts) => parts.join(''));

describe('event-package parsers (property)', () => {
  it(
    'throw nothing but EventBodyError on random text, random markup and mutated bodies',
    () => {
      fc.assert(
        fc.property(fc.oneof(fc.string({ unit: 'binary' }), markup, mutated), (body) => {
          onlyBodyErrors(body);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'read back what the builders write, whatever the text in it',
    () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (note, name) => {
          const doc = parsePresence(
            buildPresence({ entity: 'sip:a@b', open: false, note, activities: [name] }),
          );
          const strip = (s: string) =>
            // eslint-disable-next-line no-control-regex -- what escapeXml leaves out
            s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').trim();
          expect(doc.notes).toEqual([strip(note)]);
          expect(doc.basic).toBe('closed');
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});
