#!/usr/bin/env node
// Lists exports of src-main, src-shared and src-preload that no other file imports: dead ones, ones only their own
// file uses, and ones only tests or benches import. A review aid for dead code, not a gate: it prints, it removes nothing.
// NOTE: TypeScript 7 has no JS API, so this reads the program with `typescript-v5`; .vue files are searched
// as text for the name (their script blocks are not in the program).
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const ts = createRequire(import.meta.url)('typescript-v5');
const root = process.cwd();
const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
const rendererTs = walk(path.join(root, 'src-renderer')).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
const program = ts.createProgram([...config.fileNames, ...rendererTs], { ...config.options, noEmit: true });
const checker = program.getTypeChecker();
const vueText = walk(path.join(root, 'src-renderer')).filter((f) => f.endsWith('.vue')).map((f) => readFileSync(f, 'utf8')).join('\n');

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)]));
}
const rel = (f) => path.relative(root, f);
const isSource = (f) => /^src-(main|shared|preload)\//.test(rel(f));
const resolve = (s) => (s && s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);

// Every file's uses of every symbol declared in another file.
const usedBy = new Map(); // symbol → Set of files
const usedAtHome = new Set(); // symbols referenced in their own file other than where they are declared
for (const sf of program.getSourceFiles()) {
  if (sf.isDeclarationFile || rel(sf.fileName).startsWith('..') || rel(sf.fileName).includes('node_modules')) continue;
  const visit = (node) => {
    if (ts.isIdentifier(node)) {
      let s = resolve(checker.getSymbolAtLocation(node));
      if (node.parent && ts.isShorthandPropertyAssignment(node.parent)) s = resolve(checker.getShorthandAssignmentValueSymbol(node.parent)) ?? s;
      if (s && s.declarations?.some((d) => d.getSourceFile() !== sf)) (usedBy.get(s) ?? usedBy.set(s, new Set()).get(s)).add(rel(sf.fileName));
      else if (s && !s.declarations?.some((d) => d.name === node) && !ts.isExportSpecifier(node.parent)) usedAtHome.add(s);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

const unused = [];
const exportOnly = [];
const testsOnly = [];
for (const sf of program.getSourceFiles()) {
  if (!isSource(sf.fileName)) continue;
  const moduleSymbol = checker.getSymbolAtLocation(sf);
  if (!moduleSymbol) continue;
  for (const exp of checker.getExportsOfModule(moduleSymbol)) {
    const target = resolve(exp);
    if (target.declarations?.some((d) => d.getSourceFile() !== sf)) continue; // a re-export: judged where declared
    const users = [...(usedBy.get(target) ?? [])];
    if (new RegExp(`\\b${exp.name}\\b`).test(vueText)) continue;
    const line = `${rel(sf.fileName)}: ${exp.name}`;
    if (users.length === 0) (usedAtHome.has(target) ? exportOnly : unused).push(line);
    else if (users.every((u) => /^(test|bench)\//.test(u))) testsOnly.push(`${line}  (${users.join(', ')})`);
  }
}
console.log(`Exports used nowhere, not even in their own file (${unused.length}):\n${unused.map((l) => `  ${l}`).join('\n')}`);
console.log(`\nExports used only in their own file: the \`export\` is unneeded (${exportOnly.length}):\n${exportOnly.map((l) => `  ${l}`).join('\n')}`);
console.log(`\nExports only tests or benches import (${testsOnly.length}):\n${testsOnly.map((l) => `  ${l}`).join('\n')}`);
