import { describe, expect, it } from 'vitest';
import { useProductionBuild } from '../diagnostics/testing/production-build.js';

// A production build folds `DEV` to false (diagnostics/dev-mode.ts): media errors keep their
// class and DOMException-style name, and their message becomes the code docs/errors/media.md lists.
describe('media errors in a production build', () => {
  useProductionBuild();

  it('DTMF options out of range: RangeError with the code and the value', async () => {
    const { resolveDtmfOptions } = await import('./dtmf-options.js');
    expect(() => resolveDtmfOptions({ duration: 10 })).toThrow(
      new RangeError('media.dtmf-duration-invalid 10'),
    );
  });

  it('no getUserMedia: NotSupportedError named as the browser would, with the code', async () => {
    const { acquireLocalMedia } = await import('./local-media.js');
    await expect(acquireLocalMedia({ getUserMedia: undefined })).rejects.toMatchObject({
      name: 'NotSupportedError',
      message: 'media.no-get-user-media',
    });
  });
});
