// Download failures reworded for the app: the hub's messages name CLI flags (--token, --cache-dir); in
// the app the fix is a setting. Codes and params stay the hub's, so the renderer translates by code.
import { StudioError } from '../../../src-shared/errors.js';

/** The app-facing error for a failed model job: gated repositories, a full disk, a proxy asking for credentials. */
export function adviseForApp(err: unknown): unknown {
  if ((err as NodeJS.ErrnoException)?.code === 'ENOSPC') {
    return new StudioError('hub/disk-full', 'The disk is full: the download could not be written. Free some space or choose another model cache folder in Settings, then pull again (it resumes where it stopped).', {}, { cause: err });
  }
  if (!(err instanceof StudioError)) return err;
  const p = err.params ?? {};
  switch (err.code) {
    case 'hub/gated':
      return new StudioError('hub/gated', `"${p.repo}" is a gated model: open ${p.page}, sign in and accept its terms, then set a Hugging Face token with access in Settings (or HF_TOKEN) and pull again.`, p, { cause: err });
    case 'hub/disk-full':
      return new StudioError('hub/disk-full', `Not enough disk space in ${p.dir}: the download needs ${gb(p.needed)}, ${gb(p.free)} is free. Free some space or choose another model cache folder in Settings.`, p, { cause: err });
    case 'hub/proxy-auth':
      return new StudioError('hub/proxy-auth', `The proxy ${p.proxy} asks for a user name and password (407). Put them in the proxy URL in Settings (http://user:password@host:port), or in HTTPS_PROXY.`, p, { cause: err });
    default:
      return err;
  }
}

const gb = (n: unknown) => (typeof n === 'number' ? `${(n / 1e9).toFixed(2)} GB` : 'an unknown amount');
