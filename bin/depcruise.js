#!/usr/bin/env node
// Runs dependency-cruiser's CLI (`depcruise`) with `typescript` resolved to `typescript-v5`, so it can
// parse .ts files (it needs TypeScript's JS API, which the project's TypeScript 7 does not have).
// Arguments pass through unchanged: `node bin/depcruise.js -c .dependency-cruiser.cjs src-main …`.
import { register } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { redirectRequire } from './typescript-v5-hooks.js';

register('./typescript-v5-hooks.js', import.meta.url);
redirectRequire();
// The CLI file is not in the package's exports: find it next to the resolved main entry.
const main = fileURLToPath(import.meta.resolve('dependency-cruiser'));
const cli = path.join(main, '..', '..', '..', 'bin', 'dependency-cruise.mjs');
await import(pathToFileURL(cli).href);
