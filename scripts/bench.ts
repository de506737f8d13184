// SPDX-License-Identifier: Apache-2.0
// `npm run bench`: the figures of the closing notes. Not a test: it prints a table.
//   1. in-process analysis of the largest real lockfiles against their bare parse;
//   2. didChange → publishDiagnostics latency over stdio;
//   3. `sscs check` against lockfile-lint, whole process;
//   4. Sigstore verifications per second and `sscs check --staged` on every real lockfile.
// It runs bundled by esbuild (out/bench.js), so it measures the code as it ships.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import * as yarnLockfile from '@yarnpkg/lockfile';
import yaml from 'js-yaml';

import { analyzeParsed, parseText } from '../server/src/core/analyze';
import { loadPolicyText } from '../server/src/core/policy/load-policy';
import { mergePolicies } from '../server/src/core/policy/merge';
import { measureDidChange, measureLargeFile } from './bench-lsp';
import { benchSigstore } from './bench-sigstore';
import { benchStaged } from './bench-staged';

const ROOT = resolve(__dirname, '..');
const REAL = resolve(ROOT, 'test/fixtures/lockfiles/real');
const POLICY_PATH = resolve(ROOT, 'bench/org-policy.jsonc');

const LOCKFILES = [
  { name: 'npm insomnia (1,829)', path: 'npm/insomnia/package-lock.json', bare: JSON.parse },
  { name: 'yarn v1 excalidraw (1,444)', path: 'yarn-v1/excalidraw/yarn.lock', bare: yarnParse },
  { name: 'yarn berry babel (1,749)', path: 'yarn-berry/babel/yarn.lock', bare: yaml.load },
  { name: 'pnpm vite (1,405)', path: 'pnpm/vite/pnpm-lock.yaml', bare: yaml.load },
];

function yarnParse(text: string): unknown {
  return yarnLockfile.parse(text);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function time(fn: () => unknown, runs = 30, warmup = 5): number {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

function inProcess(): string[][] {
  const policy = mergePolicies(
    loadPolicyText(readFileSync(POLICY_PATH, 'utf8'), POLICY_PATH, 'organization'),
  );
  const rows = [
    ['lockfile', 'bare parse ms', 'sscs parse ms', 'sscs analysis ms', 'ratio', 'findings'],
  ];
  for (const lock of LOCKFILES) {
    const path = resolve(REAL, lock.path);
    const text = readFileSync(path, 'utf8');
    const bare = time(() => lock.bare(text));
    const parse = time(() => parseText(path, text));
    let findings = 0;
    const full = time(() => {
      const parsed = parseText(path, text);
      if ('packages' in parsed)
        findings = analyzeParsed(parsed, { policy, now: new Date() }).length;
    });
    rows.push([
      lock.name,
      bare.toFixed(1),
      parse.toFixed(1),
      full.toFixed(1),
      `${(full / bare).toFixed(2)}x`,
      String(findings),
    ]);
  }
  return rows;
}

function wholeProcess(): string[][] {
  const cli = resolve(ROOT, 'dist/cli.js');
  const lint = resolve(ROOT, 'node_modules/lockfile-lint/bin/lockfile-lint.js');
  const lock = resolve(REAL, 'npm/insomnia/package-lock.json');
  const commands = [
    {
      name: 'sscs check (policy + hygiene)',
      args: [
        cli,
        'check',
        lock,
        '--org-policy',
        POLICY_PATH,
        '--format',
        'json',
        '--fail-on',
        'never',
      ],
    },
    {
      name: 'lockfile-lint (hosts, https, integrity)',
      args: [
        lint,
        '--path',
        lock,
        '--type',
        'npm',
        '--allowed-hosts',
        'npm',
        'yarn',
        '--validate-https',
        '--validate-integrity',
      ],
    },
  ];
  const rows = [['command (insomnia package-lock.json)', 'median ms', 'min ms', 'runs']];
  for (const command of commands) {
    const samples: number[] = [];
    for (let i = 0; i < 12; i++) {
      const start = performance.now();
      spawnSync(process.execPath, command.args, { stdio: 'ignore' });
      samples.push(performance.now() - start);
    }
    samples.splice(0, 2);
    rows.push([
      command.name,
      median(samples).toFixed(0),
      Math.min(...samples).toFixed(0),
      String(samples.length),
    ]);
  }
  return rows;
}

function printTable(title: string, rows: string[][]): void {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  process.stdout.write(`\n### ${title}\n\n`);
  rows.forEach((row, index) => {
    process.stdout.write(`| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |\n`);
    if (index === 0) process.stdout.write(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |\n`);
  });
}

async function main(): Promise<void> {
  printTable('In-process analysis vs bare parse (median of 30)', inProcess());
  const lsp = await measureDidChange(
    resolve(REAL, 'npm/insomnia/package-lock.json'),
    POLICY_PATH,
    60,
  );
  printTable('didChange → publishDiagnostics over stdio (insomnia, 1,829 packages)', [
    ['edits', 'p50 ms', 'p95 ms', 'max ms'],
    [
      String(lsp.length),
      percentile(lsp, 50).toFixed(1),
      percentile(lsp, 95).toFixed(1),
      Math.max(...lsp).toFixed(1),
    ],
  ]);
  const large = await measureLargeFile(POLICY_PATH, 100_000);
  printTable('Requests while a large lockfile is analyzed (worker thread)', [
    ['lockfile', 'packages', 'diagnostics after ms', 'requests answered meanwhile', 'max ms'],
    [
      `${large.megabytes.toFixed(1)} MB`,
      String(large.packages),
      large.diagnosticsMs.toFixed(0),
      String(large.requestsAnswered),
      large.maxRequestMs.toFixed(1),
    ],
  ]);
  printTable('Whole process', wholeProcess());

  const sections = [
    { title: 'Sigstore bundle verification, in process', run: benchSigstore },
    { title: 'sscs check --staged on every real lockfile', run: benchStaged },
  ];
  for (const section of sections) {
    const rows = await section.run();
    printTable(section.title, [['measure', 'value'], ...rows.map((r) => [r.name, r.value])]);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${String(err)}\n`);
  process.exitCode = 1;
});
