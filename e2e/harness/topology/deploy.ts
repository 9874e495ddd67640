import { fileURLToPath } from 'node:url';

/**
 * The recipe files under `deploy/` that the topology scenarios start as they are: a test never
 * keeps its own copy, so a recipe that stops working fails the build.
 */
export const DEPLOY = {
  kamailio: deployFile('kamailio/kamailio.cfg'),
  /** db_text tables for WITH_AUTH: `version`, and `subscriber` with no users. */
  dbtext: deployFile('kamailio/dbtext'),
  rtpengine: deployFile('rtpengine/rtpengine.conf'),
  coturn: deployFile('coturn/turnserver.conf'),
  baresip: deployFile('baresip/config'),
} as const;

/**
 * The port plan of the recipes (deploy/README.md), 7300-7399 on 127.0.0.1. Test files run one
 * at a time in the suite's private network namespace, so fixed ports cannot clash.
 */
export const PORTS = {
  pageHttp: 7300,
  kamailioUdp: 7301,
  kamailioWs: 7302,
  kamailioWss: 7303,
  baresipSip: 7304,
  /** baresip opens SIP over TLS on its SIP port + 1, unasked. */
  baresipSipTls: 7305,
  baresipCtrl: 7306,
  rtpengineNg: 7307,
  coturn: 7308,
  rtpengineCli: 7309,
  pageHttps: 7310,
  /** SIPp as a UAC (the voicemail server of the presence scenario). */
  sipp: 7316,
} as const;

/** The SIP domain (and TURN realm) of the recipes. */
export const RECIPE_DOMAIN = 'example.test';

function deployFile(path: string): string {
  return fileURLToPath(new URL(`../../../deploy/${path}`, import.meta.url));
}
