// Placeholder: the gallery subcommands are registered here.
import type { Command } from 'commander';

export function registerGalleryCommands(_program: Command): void {}
