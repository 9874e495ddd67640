/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Set by the dev SIP server plugin in `vite dev` (vite/dev-sip-server.ts). */
  readonly VITE_DEV_SIP_SERVER?: string;
}
