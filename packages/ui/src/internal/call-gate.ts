import { createContext } from 'react';

/**
 * True below a `<Softphone>` that knows calls cannot work yet (the microphone is blocked or
 * missing): `<CallButton>` and Enter in `<DialInput>` refuse, as they do while disconnected,
 * and the notice beside them says why.
 */
export const CallGateContext = createContext(false);
