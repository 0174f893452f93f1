// Placeholder: the models subcommands are registered here.
import type { Command } from 'commander';

export function registerModelsCommands(_program: Command): void {}
