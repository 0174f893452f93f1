// Placeholder: the watermark subcommands are registered here.
import type { Command } from 'commander';

export function registerWatermarkCommands(_program: Command): void {}
