// `latent-studio generate`, `tokenize` and `schedulers`: the engine from the command line.
import type { Command } from 'commander';
import { Option } from 'commander';
import { registerGenerate } from './generate-run.js';
import { ClipTokenizer } from '../../engine/tokenizer/index.js';
import { listSchedulers } from '../../engine/schedulers/index.js';
import { inspectModelFolder } from '../../engine/models/index.js';
import { printJson } from '../usage.js';

export function registerGenerateCommands(program: Command): void {
  registerGenerate(program);

  program
    .command('tokenize')
    .description("show a prompt's CLIP token ids and pieces")
    .argument('<text>', 'the prompt')
    .option('--model <dir>', 'use this model folder\'s tokenizer (default: the bundled SD 1.x tokenizer)')
    .option('--json', 'print {"ids", "input_ids", "tokens"} as JSON')
    .action(async (text: string, opts: { model?: string; json?: boolean }) => {
      const tokenizer = opts.model
        ? await ClipTokenizer.fromDir((await inspectModelFolder(opts.model)).tokenizerDir)
        : await ClipTokenizer.bundled();
      const enc = tokenizer.encode(text);
      if (opts.json) {
        printJson({ ids: enc.ids, input_ids: enc.inputIds, tokens: enc.tokens });
        return;
      }
      for (let i = 0; i < enc.ids.length; i++) process.stdout.write(`${enc.ids[i]} ${enc.tokens[i]}\n`);
      if (enc.truncated) {
        process.stderr.write(`note: ${enc.ids.length - 2} content tokens; the text encoder sees the first ${tokenizer.modelMaxLength - 2}.\n`);
      }
    });

  program
    .command('schedulers')
    .description('list the schedulers (samplers)')
    .option('--json', 'print a JSON array')
    .addOption(new Option('--model <dir>').hideHelp())
    .action((opts: { json?: boolean }) => {
      const rows = listSchedulers().map((s) => ({ id: s.id, label: s.label, diffusersClass: s.diffusersClass }));
      if (opts.json) {
        printJson(rows);
        return;
      }
      const w = Math.max(...rows.map((r) => r.id.length));
      for (const r of rows) process.stdout.write(`${r.id.padEnd(w)}  ${r.label}  (${r.diffusersClass})\n`);
    });
}
