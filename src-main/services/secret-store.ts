// Where secrets (the Hugging Face token) are kept: the SecretStore interface every host passes to the
// settings service, and the file-backed store for headless hosts (a 0600 file in the data folder).
// The Electron host passes its safeStorage-backed store instead (electron/secret-store.ts).
import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../src-shared/errors.js';
import { writeFileAtomic } from './atomic-file.js';

export interface SecretStore {
  /** `os`: the system keychain (safeStorage); `file`: a file readable only by its owner. */
  readonly storage: 'os' | 'file';
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

export const SECRETS_FILE = 'secrets.json';

/** Secrets as JSON in `<dataDir>/secrets.json`, mode 0600 (owner read/write only), written atomically. */
export class FileSecretStore implements SecretStore {
  readonly storage = 'file' as const;
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, SECRETS_FILE);
  }

  async get(name: string): Promise<string | undefined> {
    const all = await this.readAll();
    return typeof all[name] === 'string' ? all[name] : undefined;
  }

  async set(name: string, value: string): Promise<void> {
    await this.writeAll({ ...(await this.readAll()), [name]: value });
  }

  async delete(name: string): Promise<void> {
    const all = await this.readAll();
    if (!(name in all)) return;
    delete all[name];
    await this.writeAll(all);
  }

  private async readAll(): Promise<Record<string, string>> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw err;
    }
    // NOTE: a copy restored from a backup may have lost its mode; narrow it again before trusting it.
    if (process.platform !== 'win32' && ((await stat(this.file)).mode & 0o077) !== 0) await chmod(this.file, 0o600);
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, string>;
    } catch {
      // falls through to the error below, which names the file
    }
    throw new StudioError('settings/bad-secrets-file', `The secrets file "${this.file}" is not a JSON object. Delete it and set the token again on the Settings screen.`, { path: this.file });
  }

  private async writeAll(all: Record<string, string>): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, `${JSON.stringify(all, null, 2)}\n`, 0o600);
  }
}
