import type { CallOptions } from '@sipkit/core';

/**
 * The media options of every call placed or answered: the ICE servers from the settings, and
 * audio with or without the camera.
 *
 * @example ua.call('bob', callOptions({ iceServers: [] }, true))
 */
export function callOptions(pcConfig: RTCConfiguration, video: boolean): CallOptions {
  return { pcConfig, mediaConstraints: { audio: true, video } };
}
