// Where Latent Studio keeps its data, resolved once by each host and passed down: LATENT_STUDIO_HOME, else the
// app's user-data folder (the Electron host passes app.getPath('userData')), else the platform's config folder.
// Domain modules never look this up themselves; they take the folders they need as arguments.
import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Latent Studio';
export const APP_VERSION = '0.1.0';

export interface AppPaths {
  /** The data folder: settings.json, gallery/, logs/. */
  home: string;
  /** Images, gallery.db, thumbs/, trash/, timelines. */
  galleryDir: string;
  logsDir: string;
  settingsFile: string;
}

export interface AppPathsInput {
  env?: NodeJS.ProcessEnv;
  /** Electron's userData folder; headless hosts leave it out. */
  userDataDir?: string;
  /** A gallery folder chosen by flag or setting, instead of gallery/ in the data folder. */
  galleryDir?: string;
}

export function resolveAppPaths(input: AppPathsInput = {}): AppPaths {
  const env = input.env ?? process.env;
  const home = dataFolder(env, input.userDataDir);
  return {
    home,
    galleryDir: path.resolve(input.galleryDir ?? path.join(home, 'gallery')),
    logsDir: path.join(home, 'logs'),
    settingsFile: path.join(home, 'settings.json'),
  };
}

function dataFolder(env: NodeJS.ProcessEnv, userDataDir: string | undefined): string {
  if (env.LATENT_STUDIO_HOME) return path.resolve(env.LATENT_STUDIO_HOME);
  if (userDataDir) return userDataDir;
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', APP_NAME);
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'latent-studio');
  }
}
