// Finds the Vulkan driver manifests (ICD .json files) the Vulkan loader would read on Linux, so `auto` can pass
// over WebGPU on a machine without a driver instead of letting Dawn fail (and print native warnings) trying.
// Linux only (Windows and macOS do not reach Dawn through Vulkan); it reads folders, it loads no driver.
import { existsSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const split = (v: string | undefined) => (v ?? '').split(':').filter(Boolean);

/** Manifest files from a list of files and folders, as the loader reads them (folders: their *.json). */
function manifests(entries: string[]): string[] {
  const out: string[] = [];
  for (const entry of entries) {
    if (!existsSync(entry)) continue;
    if (statSync(entry).isDirectory()) out.push(...readdirSync(entry).filter((f) => f.endsWith('.json')).map((f) => path.join(entry, f)));
    else out.push(entry);
  }
  return out;
}

/**
 * The driver manifests the Vulkan loader would find, following its Linux search order
 * (Vulkan-Loader docs/LoaderDriverInterface.md, "Driver Discovery on Linux").
 */
export function vulkanDriverManifests(env: NodeJS.ProcessEnv = process.env): string[] {
  const added = manifests(split(env.VK_ADD_DRIVER_FILES));
  const only = split(env.VK_DRIVER_FILES ?? env.VK_ICD_FILENAMES);
  if (only.length > 0) return [...manifests(only), ...added];
  const home = os.homedir();
  const configDirs = [env.XDG_CONFIG_HOME ?? path.join(home, '.config'), ...split(env.XDG_CONFIG_DIRS || '/etc/xdg'), '/usr/local/etc', '/etc'];
  const dataDirs = [env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), ...split(env.XDG_DATA_DIRS || '/usr/local/share:/usr/share')];
  return [...manifests([...configDirs, ...dataDirs].map((d) => path.join(d, 'vulkan', 'icd.d'))), ...added];
}
