// SPDX-License-Identifier: Apache-2.0
// `sscs check`: the firewall analysis of SPEC.md section 4 over the working tree.
import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { isSupportedFile } from '../../core/analyze';
import { createDiskSource } from '../../node/disk-source';
import { EXIT_FAILURE, EXIT_FINDINGS, EXIT_OK, UsageError } from '../io';
import { runAnalysis } from './check-run';
import { renderReport } from './check-render';

import type { FileSource } from '../../core/file-source';
import type { Ecosystem, Severity } from '../../core/types';
import type { CliIo } from '../io';

export type FailOn = Severity | 'never';
export type CheckFormat = 'text' | 'json' | 'sarif' | 'gitlab';

export interface CheckOptions {
  paths: string[];
  policy?: string;
  orgPolicy?: string;
  format: CheckFormat;
  failOn: FailOn;
  offline: boolean;
  registries: Partial<Record<Ecosystem, string[]>>;
  color: boolean;
  now: Date;
}

const HELP = `usage: sscs check [PATH...] [--policy FILE] [--org-policy FILE|URL]
                  [--format text|json|sarif|gitlab] [--fail-on error|warning|info|never]
                  [--offline] [--registry ECO=URL]... [--no-color]

Analyzes manifests and lockfiles under each PATH (default: the current directory) against
the organization and project firewall policies. Exit 0: nothing at or above --fail-on;
1: findings at or above it; 2: usage error or unusable policy.
`;

export async function runCheck(args: string[], io: CliIo): Promise<number> {
  const options = parseCheckArgs(args, io);
  if (!options) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const source = createDiskSource();
  const files = await collectFiles(options.paths, source);
  const outcome = await runAnalysis(files, source, options, {
    cacheDir: policyCacheDir(io.env),
    token: io.env.SSCS_POLICY_TOKEN,
    warn: (text) => io.stderr(`sscs: warning: ${text}\n`),
  });
  if (outcome.fatal) {
    io.stderr(`sscs: ${outcome.fatal}\n`);
    return EXIT_FAILURE;
  }

  io.stdout(renderReport(outcome.result, options, io.cwd));
  return exitCodeFor(outcome.result.findings.map((f) => f.severity), options.failOn);
}

function parseCheckArgs(args: string[], io: CliIo): CheckOptions | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        policy: { type: 'string' },
        'org-policy': { type: 'string' },
        format: { type: 'string', default: 'text' },
        'fail-on': { type: 'string', default: 'error' },
        offline: { type: 'boolean', default: false },
        registry: { type: 'string', multiple: true },
        'no-color': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  if (values.help) return undefined;

  const format = oneOf(values.format, ['text', 'json', 'sarif', 'gitlab'], '--format');
  const failOn = oneOf(values['fail-on'], ['error', 'warning', 'info', 'never'], '--fail-on');
  const orgPolicy = values['org-policy'] ?? io.env.SSCS_ORG_POLICY;
  return {
    paths: (positionals.length > 0 ? positionals : ['.']).map((p) => resolve(io.cwd, p)),
    policy: values.policy && resolve(io.cwd, values.policy),
    orgPolicy: orgPolicy && !/^https?:/i.test(orgPolicy) ? resolve(io.cwd, orgPolicy) : orgPolicy,
    format,
    failOn,
    offline: values.offline,
    registries: parseRegistries(values.registry ?? []),
    color: io.isTty && !values['no-color'] && !('NO_COLOR' in io.env) && format === 'text',
    now: clock(io.env),
  };
}

function oneOf<T extends string>(value: string | undefined, allowed: T[], flag: string): T {
  if (value !== undefined && (allowed as string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not '${value}'`);
}

function parseRegistries(values: string[]): Partial<Record<Ecosystem, string[]>> {
  const out: Partial<Record<Ecosystem, string[]>> = {};
  for (const value of values) {
    const match = /^([a-z]+)=(https?:\/\/.+)$/.exec(value);
    if (!match) throw new UsageError(`--registry expects ECO=URL, as in npm=https://host/, not '${value}'`);
    const eco = match[1] as Ecosystem;
    (out[eco] ??= []).push(match[2]);
  }
  return out;
}

// SSCS_NOW pins the clock (an ISO date) so expiry checks are reproducible in tests and demos.
function clock(env: NodeJS.ProcessEnv): Date {
  if (!env.SSCS_NOW) return new Date();
  const date = new Date(env.SSCS_NOW);
  if (Number.isNaN(date.getTime())) throw new UsageError(`SSCS_NOW is not a date: '${env.SSCS_NOW}'`);
  return date;
}

function policyCacheDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CACHE_HOME ?? join(env.HOME ?? homedir(), '.cache');
  return join(base, 'sscs', 'policies');
}

async function collectFiles(paths: string[], source: FileSource): Promise<string[]> {
  const out = new Set<string>();
  for (const path of paths) {
    const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read ${path}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
    });
    const candidates = info.isDirectory() ? await source.list(path) : [path];
    for (const file of candidates) if (!info.isDirectory() || isSupportedFile(file)) out.add(file);
  }
  return [...out].sort();
}

function exitCodeFor(severities: Severity[], failOn: FailOn): number {
  if (failOn === 'never') return EXIT_OK;
  const rank: Record<Severity, number> = { info: 0, warning: 1, error: 2 };
  return severities.some((s) => rank[s] >= rank[failOn]) ? EXIT_FINDINGS : EXIT_OK;
}
