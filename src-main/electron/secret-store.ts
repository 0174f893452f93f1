// The Electron host's SecretStore: values encrypted with safeStorage (the system keychain, DPAPI or
// libsecret) in `secrets.safe.json` in userData. Where safeStorage cannot encrypt, the host falls back
// to the 0600 file store, and the Settings screen says which one is in use.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { safeStorage } from 'electron';
import { StudioError } from '../../src-shared/errors.js';
import { writeFileAtomic } from '../services/atomic-file.js';
import { FileSecretStore, type SecretStore } from '../services/secret-store.js';

const FILE = 'secrets.safe.json';

/** safeStorage-backed when encryption is available (call after app.whenReady()), else the file store. */
export function createElectronSecretStore(userData: string): SecretStore {
  return safeStorage.isEncryptionAvailable() ? new SafeStorageSecretStore(userData) : new FileSecretStore(userData);
}

class SafeStorageSecretStore implements SecretStore {
  readonly storage = 'os' as const;
  private readonly file: string;

  constructor(userData: string) {
    this.file = path.join(userData, FILE);
  }

  async get(name: string): Promise<string | undefined> {
    const sealed = (await this.readAll())[name];
    return sealed === undefined ? undefined : safeStorage.decryptString(Buffer.from(sealed, 'base64'));
  }

  async set(name: string, value: string): Promise<void> {
    const all = await this.readAll();
    all[name] = safeStorage.encryptString(value).toString('base64');
    await this.writeAll(all);
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
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, string>;
    throw new StudioError('settings/bad-secrets-file', `The secrets file "${this.file}" is not a JSON object. Delete it and set the token again on the Settings screen.`, { path: this.file });
  }

  private async writeAll(all: Record<string, string>): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, `${JSON.stringify(all, null, 2)}\n`, 0o600);
  }
}
