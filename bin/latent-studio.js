#!/usr/bin/env node
// The `latent-studio` command in a checkout: runs the TypeScript CLI through tsx, no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src-main/cli/main.ts');
// The entry composes the hosts: the CLI's `serve` starts the web host, which the CLI itself never imports.
const web = await import('../src-main/server/index.ts');
process.exitCode = await main(process.argv.slice(2), { web });
