// `latent-studio serve`: the web host — the studio's UI and contract for a browser on this machine.
// Runs until Ctrl-C; the URL is the last line on stdout (scripts and tests read it from there).
import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { Option } from 'commander';
import { inspectModelFolder } from '../../engine/models/index.js';
import { EP_NAMES, parseEp } from '../../engine/runtime/index.js';
import { DEFAULT_HOST, DEFAULT_PORT, isLoopbackHost, startWebHost } from '../../server/index.js';
import { Studio } from '../../services/studio.js';
import { getCliSignal } from '../main.js';
import { collect, parseIntFlag } from '../usage.js';

interface ServeFlags {
  port: string;
  host: string;
  model: string[];
  open?: boolean;
  ep?: string;
  renderer?: string;
  hubCache: boolean;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the studio UI to a browser on this machine (loopback only unless --host says otherwise)')
    .option('--port <n>', 'port (0 = any free port)', String(DEFAULT_PORT))
    .option('--host <address>', 'address to bind; anything but loopback exposes the studio to your network', DEFAULT_HOST)
    .option('--model <dir>', 'a model folder to offer (repeatable)', collect, [])
    .option('--open', 'open the UI in the default browser')
    .addOption(new Option('--ep <name>', 'execution provider (default: the settings, else auto)').choices([...EP_NAMES]))
    .option('--renderer <dir>', 'folder of the built UI (default: dist/renderer)')
    .option('--no-hub-cache', 'do not list models from the Hugging Face cache')
    .action(async (flags: ServeFlags) => runServe(flags));
}

async function runServe(flags: ServeFlags): Promise<void> {
  const port = parseIntFlag('--port', flags.port, { min: 0, max: 65535 })!;
  // Fail at startup, with the folder named, rather than on the first generation.
  for (const dir of flags.model) await inspectModelFolder(dir);
  const studio = new Studio({ host: 'web', modelFolders: flags.model, ep: flags.ep === undefined ? undefined : parseEp(flags.ep), scanHubCache: flags.hubCache });
  const host = await startWebHost({ studio, port, host: flags.host, rendererDir: flags.renderer }).catch(async (err: unknown) => {
    await studio.close();
    throw err;
  });
  if (!isLoopbackHost(flags.host)) process.stderr.write(`warning: listening on ${flags.host}: anyone who can reach this address can use the studio.\n`);
  process.stderr.write('Press Ctrl-C to stop.\n');
  process.stdout.write(`${host.url}\n`);
  if (flags.open) openBrowser(host.url);
  await untilAborted(getCliSignal());
  await host.close();
  await studio.close();
}

function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!signal) return; // NOTE: without the CLI's signal (embedded use) only the process ending stops it.
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

function openBrowser(url: string): void {
  const [cmd, args] = process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : [process.platform === 'darwin' ? 'open' : 'xdg-open', [url]];
  const child = spawn(cmd, args, { detached: true, stdio: 'ignore' });
  child.on('error', (err) => process.stderr.write(`Could not open a browser (${err.message}); open ${url} yourself.\n`));
  child.unref();
}
