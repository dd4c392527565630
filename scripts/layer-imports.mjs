#!/usr/bin/env node
// Lists the imports in src/ that run back up the layers: a module may import from its own layer's
// folder and from the layers below it, never from a layer above. Peer folders of one layer (credits,
// billing, payments) may import each other; they are listed apart so a growing knot stays visible.
// Usage: node scripts/layer-imports.mjs [--strict]   (--strict exits 1 when an upward import exists)
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const LAYERS = [
  ['config', 'database', 'common', 'generated'],
  ['auth'],
  ['credits', 'billing', 'payments'],
  ['webhooks'],
  ['admin', 'examples', 'health'],
];
const ROOT_FILES_RANK = LAYERS.length; // main.ts, app.module.ts, bootstrap.ts compose everything.

const srcDir = resolve(dirname(new URL(import.meta.url).pathname), '..', 'src');

function folderOf(file) {
  const [first] = relative(srcDir, file).split('/');
  return /\.[jt]s$/.test(first) ? '(root)' : first;
}

function rankOf(folder) {
  if (folder === '(root)') return ROOT_FILES_RANK;
  const rank = LAYERS.findIndex((layer) => layer.includes(folder));
  return rank === -1 ? undefined : rank;
}

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'generated') yield* sourceFiles(path);
    } else if (name.endsWith('.ts')) yield path;
  }
}

const importPattern =
  /(?:import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

const upward = [];
const peer = [];
const unknown = new Set();
for (const file of sourceFiles(srcDir)) {
  const from = folderOf(file);
  const fromRank = rankOf(from);
  if (fromRank === undefined) unknown.add(from);
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(importPattern)) {
    const specifier = match[2] ?? match[3];
    const target = resolve(dirname(file), specifier);
    if (!target.startsWith(srcDir)) continue;
    const to = folderOf(target);
    if (to === from) continue;
    const toRank = rankOf(to);
    if (toRank === undefined) unknown.add(to);
    const line = text.slice(0, match.index).split('\n').length;
    const row = `${relative(srcDir, file)}:${line} (${from}) -> ${specifier} (${to})${match[1] ? ' [type only]' : ''}`;
    if (toRank > fromRank) upward.push(row);
    else if (toRank === fromRank && from !== '(root)') peer.push(row);
  }
}

console.log(`upward imports: ${upward.length}`);
for (const row of upward) console.log(`  ${row}`);
console.log(`peer imports within a layer: ${peer.length}`);
for (const row of peer) console.log(`  ${row}`);
if (unknown.size > 0) console.log(`folders without a layer: ${[...unknown].join(', ')}`);
if (process.argv.includes('--strict') && upward.length > 0) process.exit(1);
