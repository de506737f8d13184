// SPDX-License-Identifier: Apache-2.0
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export const REPO = resolve(__dirname, '../..');
export const CLI = resolve(REPO, 'dist/cli.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would, in `cwd`, with a clean colour-free environment. */
export function runCli(args: string[], cwd = REPO, env: NodeJS.ProcessEnv = {}): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, SSCS_NOW: '2026-12-03', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
