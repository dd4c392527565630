#!/usr/bin/env node
// Lists the imports in src/ that run back up the layers: a module may import from its own layer's
// folder and from the layers below it, never from a layer above. Peer folders of one layer (credits,
// billing, payments) may import each other; they are listed apart so a growing knot stays visible.
// Usage: node scripts/layer-imports.mjs [--strict]   (--strict exits 1 on an upward import not in ACCEPTED,
// or a folder without a layer; run by .ci/run)
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const LAYERS = [
  ['config', 'database', 'common', 'generated', 'metrics', 'telemetry'],
  ['auth'],
  ['credits', 'billing', 'payments', 'organizations', 'events', 'idempotency', 'auto-top-up'],
  ['webhooks'],
  ['admin', 'examples', 'health', 'drift-report', 'web-app', 'sandbox checkout'],
];
const ROOT_FILES_RANK = LAYERS.length; // main.ts, app.module.ts, bootstrap.ts, the CLIs compose everything.
const COMPOSITION_ROOTS = new Set(['(root)', 'cli', 'openapi']);

/**
 * Parts of a folder that sit in another layer than the folder (longest prefix wins). The idempotency
 * interceptor keys its records by the authenticated user and the wallet context, and is installed by
 * the priced routes' decorators: it is request-path code beside credits, not shared plumbing. The
 * sandbox's checkout page and routes stand in for the provider's outside world and hand its webhooks to
 * the webhook pipeline, as the provider would; its gateway is a provider like the others.
 */
const PLACES = [
  ['common/idempotency/', 'idempotency'],
  ['payments/sandbox/sandbox.module.ts', 'sandbox checkout'],
  ['payments/sandbox/sandbox.controller.ts', 'sandbox checkout'],
  ['payments/sandbox/sandbox-checkout.service.ts', 'sandbox checkout'],
];

/**
 * Upward imports known and accepted, each with its reason; --strict fails on any other. Registration
 * opens the personal wallet in the user's own transaction, so auth uses the ledger while credits' routes
 * use auth's guards. The way out is the ledger core (ledger.repository, ledger-movement, wallet-sql) in a
 * folder and module of its own below auth.
 */
const ACCEPTED = new Map([
  ['auth/auth.module.ts -> ../credits/credits.module.js', 'registration opens the wallet (LedgerRepository)'],
  ['auth/users.repository.ts -> ../credits/ledger.repository.js', 'registration opens the wallet'],
  [
    'auto-top-up/auto-top-up.worker.ts -> ../webhooks/webhooks.service.js',
    "a charge's answer is credited through the one fulfilment pipeline, like a webhook",
  ],
  ['auto-top-up/auto-top-up.module.ts -> ../webhooks/webhooks.module.js', 'the worker uses WebhooksService'],
]);

const srcDir = resolve(dirname(new URL(import.meta.url).pathname), '..', 'src');

function folderOf(file) {
  const path = relative(srcDir, file);
  const place = PLACES.find(([prefix]) => path.startsWith(prefix));
  if (place) return place[1];
  const [first] = path.split('/');
  return /\.[jt]s$/.test(first) ? '(root)' : first;
}

function rankOf(folder) {
  if (COMPOSITION_ROOTS.has(folder)) return ROOT_FILES_RANK;
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
const accepted = [];
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
    if (toRank > fromRank) {
      const reason = ACCEPTED.get(`${relative(srcDir, file)} -> ${specifier}`);
      if (reason) accepted.push(`${row} — ${reason}`);
      else upward.push(row);
    } else if (toRank === fromRank && !COMPOSITION_ROOTS.has(from)) peer.push(row);
  }
}

console.log(`upward imports: ${upward.length}`);
for (const row of upward) console.log(`  ${row}`);
console.log(`accepted upward imports: ${accepted.length}`);
for (const row of accepted) console.log(`  ${row}`);
console.log(`peer imports within a layer: ${peer.length}`);
for (const row of peer) console.log(`  ${row}`);
if (unknown.size > 0) console.log(`folders without a layer: ${[...unknown].join(', ')}`);
if (process.argv.includes('--strict') && (upward.length > 0 || unknown.size > 0)) process.exit(1);
