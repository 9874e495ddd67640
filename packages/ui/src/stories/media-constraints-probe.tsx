import { useState } from 'react';
import { useStage } from './stage-context.js';

/**
 * Shows, on request, the media constraints of every call's media handler on the stage, so a
 * story can show (and its test check) what options reached the calls.
 *
 * @example <MediaConstraintsProbe />
 */
export function MediaConstraintsProbe() {
  const stage = useStage();
  const [seen, setSeen] = useState('');
  const read = (): void =>
    setSeen(JSON.stringify(stage.media.handlers.map((h) => h.options.mediaConstraints)));
  return (
    <p>
      <button type="button" onClick={read}>
        Show call media
      </button>
      <output aria-label="Call media">{seen}</output>
    </p>
  );
}
