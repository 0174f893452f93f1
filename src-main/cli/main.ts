// The `latent-studio` command: parses argv with commander and hands each subcommand to its module
// under commands/. stdout carries only results; progress and errors go to stderr.
import { Command, CommanderError } from 'commander';
import { StudioError, isCancelled } from '../../src-shared/errors.js';
import { registerGenerateCommands } from './commands/generate.js';
import { registerModelsCommands } from './commands/models.js';
import { registerGalleryCommands } from './commands/gallery.js';
import { registerWatermarkCommands } from './commands/watermark.js';
import { registerServeCommand, type WebHostLauncher } from './commands/serve.js';
import { registerLabCommands } from './commands/lab.js';
import { listenForInterrupt } from './signal.js';
import { registerTimelineCommands } from './commands/timeline.js';

/** Runs the CLI and resolves to the process exit code (0 ok, 1 failure, 2 usage, 130 cancelled). */
export interface CliHosts {
  /** The web host `serve` starts (the entry passes src-main/server: the CLI does not import another host). */
  web: WebHostLauncher;
}

export async function main(argv: string[], hosts: CliHosts): Promise<number> {
  const program = new Command('latent-studio')
    .description('Latent Studio: Stable Diffusion on onnxruntime, headless.')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError(false);
  registerGenerateCommands(program);
  registerModelsCommands(program);
  registerGalleryCommands(program);
  registerWatermarkCommands(program);
  registerServeCommand(program, hosts.web);
  registerLabCommands(program);
  registerTimelineCommands(program);

  const stopListening = listenForInterrupt();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    return reportError(err);
  } finally {
    stopListening();
  }
}

function reportError(err: unknown): number {
  if (err instanceof CommanderError) {
    // commander already printed its message (usage errors, --help, --version).
    return err.exitCode === 0 ? 0 : 2;
  }
  if (isCancelled(err)) {
    process.stderr.write('latent-studio: cancelled\n');
    return 130;
  }
  if (err instanceof StudioError) {
    process.stderr.write(`latent-studio: ${err.message} [${err.code}]\n`);
    if (process.env.LATENT_STUDIO_DEBUG && err.cause) process.stderr.write(`${String((err.cause as Error)?.stack ?? err.cause)}\n`);
    return 1;
  }
  const e = err as Error;
  process.stderr.write(`latent-studio: internal error: ${e?.message ?? String(err)}\n`);
  if (process.env.LATENT_STUDIO_DEBUG) process.stderr.write(`${e?.stack ?? ''}\n`);
  return 1;
}
