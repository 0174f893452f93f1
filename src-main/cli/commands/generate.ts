// Placeholder: the generate subcommands are registered here.
import type { Command } from 'commander';

export function registerGenerateCommands(_program: Command): void {}
