import { createContext, useContext } from 'react';
import type { SipStage } from './sip-stage.js';

/** The stage of the story being shown (set by the `withSipStage` decorator). */
export const StageContext = createContext<SipStage | null>(null);

/**
 * The current story's stage: its trace, network, bot.
 *
 * @example const { trace } = useStage();
 */
export function useStage(): SipStage {
  const stage = useContext(StageContext);
  if (stage === null)
    throw new Error('useStage() needs the withSipStage decorator (parameters.sip)');
  return stage;
}
