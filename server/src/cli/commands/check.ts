// SPDX-License-Identifier: Apache-2.0
// `sscs check`: the firewall analysis of SPEC.md section 4 over the working tree.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { createDiskSource } from '../../node/disk-source';
import { EXIT_FAILURE, EXIT_FINDINGS, EXIT_OK, UsageError } from '../io';
import { selectFiles } from './check-files';
import { runAnalysis } from './check-run';
import { renderReport } from './check-render';

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
  staged: boolean;
  changedSince?: string;
  color: boolean;
  now: Date;
}

const HELP = `usage: sscs check [PATH...] [--policy FILE] [--org-policy FILE|URL]
                  [--format text|json|sarif|gitlab] [--fail-on error|warning|info|never]
                  [--staged | --changed-since REF] [--offline] [--registry ECO=URL]...
                  [--no-color]

Analyzes manifests and lockfiles under each PATH (default: the current directory) against
the organization and project firewall policies, and verifies the Sigstore bundles of the files
their "verify" sections list. --staged reads the files staged for the next commit from the git
index; --changed-since REF analyzes only what changed since the merge base with REF.
Exit 0: nothing at or above --fail-on; 1: findings at or above it; 2: usage error or unusable
policy.
`;

export async function runCheck(args: string[], io: CliIo): Promise<number> {
  const options = parseCheckArgs(args, io);
  if (!options) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const { files, source, artifacts } = await selectFiles(options, io);
  // Progress on stderr, and only for runs long enough to wonder about.
  const progress = io.stderrIsTty
    ? setTimeout(() => io.stderr(`sscs: analyzing ${files.length} files...\n`), 1000)
    : undefined;
  const outcome = await runAnalysis(
    files,
    source,
    options,
    {
      cwd: io.cwd,
      cacheDir: policyCacheDir(io.env),
      token: io.env.SSCS_POLICY_TOKEN,
      organizationSource: createDiskSource(),
      warn: (text) => io.stderr(`sscs: warning: ${text}\n`),
    },
    artifacts,
  ).finally(() => clearTimeout(progress));
  if (outcome.fatal) {
    io.stderr(`sscs: ${outcome.fatal}\n`);
    return EXIT_FAILURE;
  }

  io.stdout(renderReport(outcome.result, options, io.cwd));
  return exitCodeFor(
    outcome.result.findings.map((f) => f.severity),
    options.failOn,
  );
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
        staged: { type: 'boolean', default: false },
        'changed-since': { type: 'string' },
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
  if (values.staged && values['changed-since'] !== undefined) {
    throw new UsageError('--staged and --changed-since cannot be used together');
  }
  return {
    paths: (positionals.length > 0 ? positionals : ['.']).map((p) => resolve(io.cwd, p)),
    policy: values.policy && resolve(io.cwd, values.policy),
    orgPolicy: orgPolicy && !/^https?:/i.test(orgPolicy) ? resolve(io.cwd, orgPolicy) : orgPolicy,
    format,
    failOn,
    offline: values.offline,
    registries: parseRegistries(values.registry ?? []),
    staged: values.staged,
    changedSince: values['changed-since'],
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
    if (!match)
      throw new UsageError(`--registry expects ECO=URL, as in npm=https://host/, not '${value}'`);
    const eco = match[1] as Ecosystem;
    (out[eco] ??= []).push(match[2]);
  }
  return out;
}

// SSCS_NOW pins the clock (an ISO date) so expiry checks are reproducible in tests and demos.
function clock(env: NodeJS.ProcessEnv): Date {
  if (!env.SSCS_NOW) return new Date();
  const date = new Date(env.SSCS_NOW);
  if (Number.isNaN(date.getTime()))
    throw new UsageError(`SSCS_NOW is not a date: '${env.SSCS_NOW}'`);
  return date;
}

function policyCacheDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CACHE_HOME ?? join(env.HOME ?? homedir(), '.cache');
  return join(base, 'sscs', 'policies');
}

function exitCodeFor(severities: Severity[], failOn: FailOn): number {
  if (failOn === 'never') return EXIT_OK;
  const rank: Record<Severity, number> = { info: 0, warning: 1, error: 2 };
  return severities.some((s) => rank[s] >= rank[failOn]) ? EXIT_FINDINGS : EXIT_OK;
}
