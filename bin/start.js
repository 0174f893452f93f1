#!/usr/bin/env node
// `npm start` after the build: runs the Electron app when Electron's binary is installed; where it is not
// (its download skipped or blocked), says why in one line, offers the web host, and exits non-zero.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const INSTEAD = 'Use the studio in a browser instead: npx latent-studio serve (or set ELECTRON_MIRROR and reinstall electron, see the README).';

/**
 * Electron's binary path as require('electron') gives it, or why there is none. `load` is
 * require('electron'), which throws when the install script never wrote the binary's name.
 */
export function findElectron(load = () => createRequire(import.meta.url)('electron')) {
  let binary;
  try {
    binary = load();
  } catch (err) {
    return { problem: `Electron is not installed (${String(err?.message ?? err).split('\n')[0]})` };
  }
  if (typeof binary !== 'string' || !existsSync(binary)) return { problem: `Electron's binary is missing (${String(binary)}): its download was skipped or blocked` };
  return { binary };
}

function main() {
  const found = findElectron();
  if (!found.binary) {
    process.stderr.write(`latent-studio: cannot start the app: ${found.problem}. ${INSTEAD}\n`);
    process.exit(1);
  }
  const child = spawn(found.binary, [APP_ROOT, ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (err) => {
    process.stderr.write(`latent-studio: cannot start the app: ${found.binary} failed to run (${err.message}). ${INSTEAD}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
