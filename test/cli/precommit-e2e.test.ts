// SPDX-License-Identifier: Apache-2.0
// `git commit` through the installed hook, against the built CLI (run `npm run build` first):
// what is staged decides, not what is in the working tree.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, before, describe, test } from 'node:test';

import { makeRepo } from './git-helpers';

import type { TempRepo } from './git-helpers';

const CLI = resolve(__dirname, '..', '..', 'dist', 'cli.js');

const POLICY = JSON.stringify({
  version: 1,
  rules: [
    {
      id: 'no-event-stream',
      action: 'deny',
      package: 'pkg:npm/event-stream',
      versions: '3.3.6',
      reason: 'Compromised release.',
    },
  ],
});

function manifest(version: string): string {
  const pkg = { name: 'demo', version: '1.0.0', dependencies: { 'event-stream': version } };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

// A v3 lockfile; `padding` adds packages before event-stream to move its line.
function lockfile(version: string, padding = 0): string {
  const packages: Record<string, unknown> = {
    '': { name: 'demo', version: '1.0.0', dependencies: { 'event-stream': version } },
  };
  for (let i = 0; i < padding; i++) {
    packages[`node_modules/aaa-pad-${i}`] = entry(`aaa-pad-${i}`, '1.0.0');
  }
  packages['node_modules/event-stream'] = entry('event-stream', version);
  const lock = { name: 'demo', version: '1.0.0', lockfileVersion: 3, requires: true, packages };
  return `${JSON.stringify(lock, null, 2)}\n`;
}

function entry(name: string, version: string): Record<string, unknown> {
  const digest = createHash('sha512').update(`${name}@${version}`).digest('base64');
  return {
    version,
    resolved: `https://registry.npmjs.org/${name}/-/${name}-${version}.tgz`,
    integrity: `sha512-${digest}`,
  };
}

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

function project(version: string): TempRepo {
  const r = makeRepo('precommit');
  repo = r;
  r.write('.sscs/policy.jsonc', POLICY);
  r.write('package.json', manifest(version));
  r.write('package-lock.json', lockfile(version));
  r.git('add', '.');
  const install = spawnSync(process.execPath, [CLI, 'hook', 'install'], {
    cwd: r.dir,
    env: r.env,
    encoding: 'utf8',
  });
  assert.equal(install.status, 0, install.stderr);
  return r;
}

function commit(r: TempRepo): { status: number | null; output: string } {
  const out = r.tryGit('commit', '-q', '-m', 'change dependencies');
  return { status: out.status, output: out.stdout + out.stderr };
}

function headExists(r: TempRepo): boolean {
  return r.tryGit('rev-parse', '--verify', '-q', 'HEAD').status === 0;
}

describe('pre-commit hook with sscs check --staged', () => {
  before(() => {
    assert.ok(existsSync(CLI), `${CLI} is missing; run npm run build first`);
  });

  test('a staged denied package blocks the commit', () => {
    const r = project('3.3.6');

    const result = commit(r);

    assert.deepEqual([result.status, headExists(r)], [1, false], result.output);
    assert.match(result.output, /denied/);
  });

  test('a fix in the working tree that is not staged does not unblock it', () => {
    const r = project('3.3.6');
    r.write('package.json', manifest('3.3.5'));
    r.write('package-lock.json', lockfile('3.3.5'));

    const result = commit(r);

    assert.deepEqual([result.status, headExists(r)], [1, false], result.output);
  });

  test('a staged fix lets the commit through', () => {
    const r = project('3.3.6');
    r.write('package.json', manifest('3.3.5'));
    r.write('package-lock.json', lockfile('3.3.5'));
    r.git('add', '.');

    const result = commit(r);

    assert.deepEqual([result.status, headExists(r)], [0, true], result.output);
  });

  test('a staged manifest is checked with the committed lockfile, not the unstaged one', () => {
    const r = project('3.3.5');
    assert.equal(commit(r).status, 0);
    r.write('package.json', manifest('3.3.5').replace('"1.0.0"', '"1.0.1"'));
    r.write('package-lock.json', lockfile('3.3.6'));
    r.git('add', 'package.json');

    const result = commit(r);

    assert.equal(result.status, 0, result.output);
  });

  test('findings point at the staged line, not the working tree line', () => {
    const r = project('3.3.6');
    r.write('package-lock.json', lockfile('3.3.6', 5));
    const staged = lockfile('3.3.6');
    const line = staged.split('\n').findIndex((l) => l.includes('"node_modules/event-stream"'));

    const check = spawnSync(process.execPath, [CLI, 'check', '--staged', '--format', 'json'], {
      cwd: r.dir,
      env: r.env,
      encoding: 'utf8',
    });
    const report = JSON.parse(check.stdout) as {
      findings: { code: string; file: string; range: { start: { line: number } } }[];
    };
    const denied = report.findings
      .filter((finding) => finding.code === 'denied' && finding.file === 'package-lock.json')
      .map((finding) => [finding.file, finding.range.start.line]);

    assert.equal(check.status, 1, check.stderr);
    assert.deepEqual(denied, [['package-lock.json', line]]);
  });
});
