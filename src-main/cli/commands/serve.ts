// `latent-studio serve`: the web host — the studio's UI and contract for a browser on this machine.
// Runs until Ctrl-C; the URL is the last line on stdout (scripts and tests read it from there).
// The web host itself is handed in by the program's entry (bin/latent-studio.js): hosts do not import each other.
import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { Option } from 'commander';
import { inspectModelFolder } from '../../engine/models/index.js';
import { EP_NAMES, parseEp } from '../../engine/runtime/index.js';
import { Logger, logFilePath, parseLogLevel } from '../../services/log.js';
import { resolveAppPaths } from '../../services/app-paths.js';
import { findBundledDefaultModel, installDefaultModel } from '../../services/default-model.js';
import { Studio } from '../../services/studio.js';
import { getCliSignal } from '../signal.js';
import { collect, parseIntFlag } from '../usage.js';

/** What `serve` needs of the web host (src-main/server), as the entry passes it in. */
export interface WebHostLauncher {
  DEFAULT_HOST: string;
  DEFAULT_PORT: number;
  isLoopbackHost(host: string): boolean;
  startWebHost(options: {
    studio: Studio; port: number; host: string; rendererDir?: string; requireToken: boolean; token?: string; allowedHosts: string[];
    onInternalError: (where: string, err: unknown) => void;
  }): Promise<{ url: string; close(): Promise<void> }>;
}

interface ServeFlags {
  port: string;
  host: string;
  model: string[];
  open?: boolean;
  ep?: string;
  renderer?: string;
  hubCache: boolean;
  token?: string;
  allowedHost: string[];
  demoModel: boolean;
}

export function registerServeCommand(program: Command, web: WebHostLauncher): void {
  const { DEFAULT_HOST, DEFAULT_PORT } = web;
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
    .option('--token <token>', 'access token every request must carry (16+ characters of A-Z a-z 0-9 . _ ~ -); off loopback one is generated when not given')
    .option('--no-demo-model', 'do not install and offer the built-in demo model (random weights, for trying the app offline)')
    .option('--allowed-host <name>', 'another Host name the studio answers to, e.g. a DNS name of this machine (repeatable)', collect, [])
    .action(async (flags: ServeFlags) => runServe(flags, web));
}

async function runServe(flags: ServeFlags, web: WebHostLauncher): Promise<void> {
  const { isLoopbackHost, startWebHost } = web;
  const port = parseIntFlag('--port', flags.port, { min: 0, max: 65535 })!;
  // Fail at startup, with the folder named, rather than on the first generation.
  for (const dir of flags.model) await inspectModelFolder(dir);
  const paths = resolveAppPaths();
  const logger = new Logger({ file: logFilePath(paths.home), stderrLevel: parseLogLevel(process.env.LATENT_STUDIO_LOG_LEVEL) ?? 'warn' });
  const demo = flags.demoModel ? await installDefaultModel(paths.home, findBundledDefaultModel()) : undefined;
  if (demo && demo.dir === undefined) logger.log('info', 'serve', `no demo model: ${demo.reason}`);
  else if (demo?.installed) logger.log('info', 'serve', `installed the demo model in ${demo.dir}`);
  const studio = new Studio({
    host: 'web', paths, logger, modelFolders: flags.model, builtinModel: demo?.dir, ep: flags.ep === undefined ? undefined : parseEp(flags.ep), scanHubCache: flags.hubCache,
    log: (m) => logger.log('warn', 'studio', m),
  });
  const onInternalError = (where: string, err: unknown) => logger.log('error', 'serve', `internal error in ${where}: ${(err as Error)?.stack ?? String(err)}`);
  const requireToken = !isLoopbackHost(flags.host) || flags.token !== undefined;
  const host = await startWebHost({
    studio, port, host: flags.host, rendererDir: flags.renderer, requireToken, token: flags.token, allowedHosts: flags.allowedHost, onInternalError,
  }).catch(async (err: unknown) => {
    await studio.close();
    logger.close();
    throw err;
  });
  logger.log('info', 'serve', `listening on ${host.url}`);
  if (!isLoopbackHost(flags.host)) process.stderr.write(`warning: listening on ${flags.host}: anyone who can reach this address and has the URL's token can use the studio.\n`);
  process.stderr.write('Press Ctrl-C to stop.\n');
  process.stdout.write(`${host.url}\n`);
  if (flags.open) openBrowser(host.url);
  await untilAborted(getCliSignal());
  await host.close();
  await studio.close();
  logger.log('info', 'serve', 'stopped');
  logger.close();
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
