import { SipProvider, useSipContext, type MediaDevice } from '@sipkit/react';
import type { Decorator } from '@storybook/react-vite';
import { useEffect, useState, type ReactNode } from 'react';
import { FakeDevices } from './fake-devices.js';
import { SipStage, type StageOptions } from './sip-stage.js';
import { StageContext, useStage } from './stage-context.js';
import { runYouScript, type YouStep } from './you-script.js';

/** `parameters.sip` of a story: the stage to build, and what "you" do once it runs. */
export interface SipStoryParameters extends StageOptions {
  readonly script?: readonly YouStep[];
  /** Start the UA at once (default true); false shows the phone offline. */
  readonly autoStart?: boolean;
  /** Media devices the page pretends to have, or `unsupported` for none at all. */
  readonly devices?: readonly MediaDevice[] | 'unsupported';
}

/**
 * Puts the story inside a `<SipProvider>` for "you" on a fresh in-memory network with a
 * registrar/proxy and the story's bot, so every control does real SIP. Stories without
 * `parameters.sip` render as they are.
 *
 * @example export default { parameters: { sip: { bots: [bob], script: [{ dial: 'bob' }] } } };
 */
export const withSipStage: Decorator = (Story, context) => {
  const sip = context.parameters['sip'] as SipStoryParameters | undefined;
  if (sip === undefined) return <Story />;
  // A new stage per story: the key makes switching stories start from a clean network.
  return (
    <Stage key={context.id} options={sip}>
      <Story />
    </Stage>
  );
};

function Stage({
  options,
  children,
}: {
  readonly options: SipStoryParameters;
  readonly children: ReactNode;
}): ReactNode {
  const [stage] = useState(() => new SipStage(options));
  useEffect(() => {
    stage.mount();
    return () => void stage.unmount();
  }, [stage]);
  const phone = (
    <SipProvider
      config={stage.config}
      mediaHandlerFactory={stage.media.factory}
      logger={stage.trace}
      autoStart={options.autoStart ?? true}
      uaOptions={{ random: () => 0.5 }}
    >
      {options.script === undefined ? null : <YouScript steps={options.script} />}
      {children}
    </SipProvider>
  );
  return (
    <StageContext.Provider value={stage}>
      {options.devices === undefined ? (
        phone
      ) : (
        <FakeDevices devices={options.devices}>{phone}</FakeDevices>
      )}
    </StageContext.Provider>
  );
}

function YouScript({ steps }: { readonly steps: readonly YouStep[] }): ReactNode {
  const client = useSipContext();
  const stage = useStage();
  useEffect(() => {
    const controller = new AbortController();
    void runYouScript(client, steps, controller.signal, stage.media);
    return () => controller.abort();
  }, [client, steps, stage]);
  return null;
}
