// `npm run bench:ui`: runs every UI benchmark in bench/ui/*.ts (each exports `run()` returning its figures)
// one after another and prints each one's figures as a Markdown table. `-- --only gallery` runs one.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Figures = Record<string, number | string>;

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'ui');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const names = (await readdir(dir)).filter((f) => f.endsWith('.ts') && (!only || f === `${only}.ts`)).sort();
if (!names.length) throw new Error(`No UI benchmark${only ? ` named "${only}"` : ''} in ${dir}.`);

const format = (v: number | string) => (typeof v === 'number' ? v.toLocaleString('en', { maximumFractionDigits: 2 }) : v);
for (const name of names) {
  const mod = (await import(pathToFileURL(path.join(dir, name)).href)) as { run?: () => Promise<Figures> };
  if (typeof mod.run !== 'function') throw new Error(`bench/ui/${name} does not export run().`);
  const started = performance.now();
  const figures = await mod.run();
  process.stdout.write(`\n### ${path.basename(name, '.ts')} (${((performance.now() - started) / 1000).toFixed(0)} s)\n\n| figure | value |\n| --- | --- |\n`);
  for (const [k, v] of Object.entries(figures)) process.stdout.write(`| ${k} | ${format(v)} |\n`);
}
