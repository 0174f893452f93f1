// Where Latent Studio keeps its data: LATENT_STUDIO_HOME, else the app's user-data folder
// (the Electron host passes app.getPath('userData')), else the platform's config folder.
import os from 'node:os';
import path from 'node:path';

let hostUserData: string | undefined;

/** Called once by the Electron host with app.getPath('userData'); headless hosts never call it. */
export function setUserDataDir(dir: string): void {
  hostUserData = dir;
}

export function latentStudioHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LATENT_STUDIO_HOME) return path.resolve(env.LATENT_STUDIO_HOME);
  if (hostUserData) return hostUserData;
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Latent Studio');
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Latent Studio');
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'latent-studio');
  }
}

/** The gallery folder inside the data folder (images, gallery.db, thumbs/, trash/). */
export function galleryDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(latentStudioHome(env), 'gallery');
}

export const APP_VERSION = '0.1.0';
