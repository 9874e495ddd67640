import { runChild } from '../../child.js';
import { metWhen } from '../../headline.js';
import type { Section, SectionResult } from '../../section.js';
import { isReactOutcome } from './protocol.js';

const workerScript = new URL('./worker.tsx', import.meta.url);
const TICKS = 10;

async function run(): Promise<SectionResult> {
  const outcome = await runChild(workerScript, {}, { timeoutMs: 120_000 });
  if (!isReactOutcome(outcome)) throw new Error('react worker sent a malformed result');
  const columns = [
    { title: 'Component (hook)', align: 'left' },
    { title: 'call setup', align: 'right' },
    { title: `${TICKS} timer ticks`, align: 'right' },
    { title: 'hangup', align: 'right' },
    { title: 'expected per tick', align: 'right' },
  ] as const;
  const method = [
    "**Screen.** A softphone on `@sipkit/react`'s built `dist/`: `<SipProvider>` around a registration badge (`useRegistration`), call controls (`useCall`: status, call, hang up, hold, mute) and the call timer (`<CallDuration>`, `useCallDuration`), each in its own `<Profiler onRender>`. React DOM renders it into jsdom (development build, no StrictMode: one commit per update, as in production). The UA calls a `@sipkit/core` UA on `@sipkit/testing`'s in-memory network that answers with fake media; timers and `Date` are virtual (`@sinonjs/fake-timers`), every step runs inside `act()`.",
    `**Counts.** Commits each part took part in (Profiler \`onRender\` calls): from the click on Call until the call shows as confirmed, over ${TICKS} seconds of the call lined up on its second boundaries (${TICKS} ticks of the timer), and from the click on Hang up until the call shows as ended. Deterministic (virtual time, in-memory network), so one run. \`packages/react/src/render-counts.test.tsx\` asserts the same property; this is the reported number.`,
  ];
  if (outcome.kind === 'failed') {
    return {
      table: { columns, rows: [] },
      summary: [`**React render counts could not be measured: ${outcome.reason}**`],
      problems: [`react: ${outcome.reason}`],
      method,
      headline: [],
    };
  }
  const timer = outcome.counts.find((c) => c.component === 'call timer');
  const others = outcome.counts.filter((c) => c.component !== 'call timer');
  const onlyTimer = timer?.tenTicks === TICKS && others.every((c) => c.tenTicks === 0);
  return {
    table: {
      columns,
      rows: outcome.counts.map((c) => [
        c.component,
        String(c.setup),
        String(c.tenTicks),
        String(c.hangup),
        c.component === 'call timer' ? '1' : '0',
      ]),
    },
    summary: [
      onlyTimer
        ? `A tick of the call timer re-renders only the timer: met (${TICKS} ticks, ${TICKS} timer commits, none elsewhere). @sipkit/react ${outcome.version}.`
        : `**A tick of the call timer re-renders more than the timer: NOT met** (${outcome.counts.map((c) => `${c.component} ${c.tenTicks}`).join(', ')} over ${TICKS} ticks).`,
    ],
    problems: onlyTimer ? [] : ['react: a timer tick re-renders more than the timer'],
    headline: [
      {
        measure: `React: commits per part over ${TICKS} call-timer ticks`,
        sipkit: `timer ${timer?.tenTicks ?? 0}, elsewhere ${others.reduce((sum, c) => sum + c.tenTicks, 0)}`,
        jssip: '',
        sipjs: '',
        versusJssip: '',
        target: 'only the timer re-renders',
        status: metWhen(onlyTimer),
      },
    ],
    method,
  };
}

export const reactSection: Section = {
  id: 'react',
  title: 'React: render counts on a softphone screen during a call',
  run,
};
