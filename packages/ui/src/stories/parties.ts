import { answerAfter, callAfter } from './bot-script.js';
import type { BotOptions } from './bot.js';

/** A bot as stories give it (the stage adds the network). */
export type StoryBot = Omit<BotOptions, 'network'>;

/** Bob answers after a second and a half and talks for a minute; then waits for the next call. */
export const bobAnswers: StoryBot = {
  user: 'bob',
  displayName: 'Bob Martin',
  script: answerAfter(1500),
};

/** Bob answers at once: for stories that open in a call. */
export const bobAnswersAtOnce: StoryBot = { ...bobAnswers, script: answerAfter(0, 600_000) };

/** Bob calls you as soon as he is registered and lets it ring. */
export const bobCalls: StoryBot = {
  user: 'bob',
  displayName: 'Bob Martin',
  script: callAfter('you', 200),
};

/** Carol calls you a little later: for call waiting. */
export const carolCallsLater: StoryBot = {
  user: 'carol',
  displayName: 'Carol Nguyen',
  script: callAfter('you', 1500),
};

/** Carol answers at once. */
export const carolAnswersAtOnce: StoryBot = {
  user: 'carol',
  displayName: 'Carol Nguyen',
  script: answerAfter(0, 600_000),
};

/** A display name far too long for any layout. */
export const LONG_NAME =
  'Maximiliane Alexandra Bartholomew-Featherstonehaugh von Hohenzollern-Sigmaringen (Accounts Receivable, EMEA)';

/** Someone with a very long name who calls you. */
export const longNameCalls: StoryBot = { ...bobCalls, user: 'maximiliane', displayName: LONG_NAME };

/** Someone with a very long name who answers at once. */
export const longNameAnswers: StoryBot = {
  ...bobAnswersAtOnce,
  user: 'maximiliane',
  displayName: LONG_NAME,
};

/**
 * A display name of 96 KB (hostile, or a broken PBX): it must be shown cut, with an ellipsis,
 * and never laid out whole (200 KB once made the page 18 million pixels tall). The bot's own
 * REGISTER carries it twice (From and To), so this is about the most that fits in a SIP message
 * over the in-memory network; `softphone.bounds.test.tsx` renders 200 KB.
 */
export const HUGE_NAME = 'Mallory '.repeat(12 * 1024);

/** Someone with a 96 KB display name who calls you. */
export const hugeNameCalls: StoryBot = { ...bobCalls, user: 'mallory', displayName: HUGE_NAME };

/** An Arabic name (right-to-left script) that calls you. */
export const RTL_NAME = 'مريم الحسيني';
export const rtlCalls: StoryBot = { ...bobCalls, user: 'maryam', displayName: RTL_NAME };
