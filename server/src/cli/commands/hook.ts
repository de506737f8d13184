// SPDX-License-Identifier: Apache-2.0
// `sscs hook install|uninstall`: a git pre-commit hook running `sscs check --staged`.
//
// Existing hooks, decided the way the pre-commit framework's installer behaves:
// - none: the sscs hook is written;
// - an sscs hook: left alone when identical, else replaced only with --force;
// - a hook owned by husky, lefthook or pre-commit: refused (the manager would overwrite us;
//   docs/hooks.md shows its configuration), replaced with --force;
// - any other hook: chained by default, moved to pre-commit.sscs-chained and run first so
//   its failure still stops the commit; replaced without chaining with --force.
import { realpathSync } from 'node:fs';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';

import { findRepoRoot, hooksDir } from '../git-source';
import { CHAINED_HOOK, detectHookManager, isSscsHook, renderHook } from '../hook-script';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../io';

import type { HookCommand } from '../hook-script';
import type { CliIo } from '../io';

const USAGE = `usage: sscs hook install [--force]
       sscs hook uninstall

install     write a git pre-commit hook running 'sscs check --staged'. An existing hook is
            kept as ${CHAINED_HOOK} and runs first; one owned by husky, lefthook or
            pre-commit is refused. --force replaces whatever hook is there.
uninstall   remove the sscs hook and put a chained hook back in its place.

The hook runs $SSCS_BIN when set, else the CLI that installed it, else sscs on PATH.
`;

export interface InstallOptions {
  /** Folder git runs hooks from (see `hooksDir`). */
  hooksFolder: string;
  command: HookCommand;
  force: boolean;
}

/** What happened, as one sentence for stdout, or a refusal for stderr (exit 2). */
export type HookOutcome = { ok: true; message: string } | { ok: false; message: string };

/** `sscs hook <install|uninstall>`; returns the exit code. */
export async function runHook(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  if (action === '--help' || action === '-h' || action === 'help') {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if (action !== 'install' && action !== 'uninstall') {
    const what = action === undefined ? 'a hook action is required' : `unknown action '${action}'`;
    throw new UsageError(`${what}; run 'sscs hook install' or 'sscs hook uninstall'`);
  }
  const force = parseFlags(action, rest);

  const repoRoot = await findRepoRoot(io.cwd, io.env);
  const hooksFolder = await hooksDir(repoRoot, io.env);
  const outcome =
    action === 'install'
      ? await installHook({ hooksFolder, command: hookCommand(io.env), force })
      : await uninstallHook(hooksFolder);

  const where = displayPath(io.cwd, join(hooksFolder, 'pre-commit'));
  const message = outcome.message.replace('{hook}', where);
  if (!outcome.ok) {
    io.stderr(`sscs: ${message}\n`);
    return EXIT_FAILURE;
  }
  io.stdout(`${message}\n`);
  return EXIT_OK;
}

/** Writes the hook into `hooksFolder` following the rules at the top of this file. */
export async function installHook(options: InstallOptions): Promise<HookOutcome> {
  const { hooksFolder, command, force } = options;
  const hookPath = join(hooksFolder, 'pre-commit');
  const chainedPath = join(hooksFolder, CHAINED_HOOK);
  const script = renderHook(command);
  await mkdir(hooksFolder, { recursive: true });
  const existing = await readIfPresent(hookPath);

  if (existing === undefined || force) {
    await writeHook(hookPath, script);
    const verb = existing === undefined ? 'Installed' : 'Replaced the existing hook with';
    return { ok: true, message: `${verb} the sscs pre-commit hook at {hook}.` };
  }
  if (isSscsHook(existing)) {
    if (existing === script) {
      return { ok: true, message: 'The sscs pre-commit hook at {hook} is already installed.' };
    }
    return refuse('An sscs pre-commit hook with a different command is already at {hook}');
  }
  const manager = detectHookManager(existing, hooksFolder);
  if (manager !== undefined) {
    return refuse(
      `The pre-commit hook at {hook} is managed by ${manager}; add 'sscs check --staged' to ` +
        `its configuration instead (see docs/hooks.md)`,
    );
  }
  if ((await readIfPresent(chainedPath)) !== undefined) {
    return refuse(`{hook} exists and so does ${CHAINED_HOOK} beside it, so neither is moved`);
  }

  await rename(hookPath, chainedPath);
  await writeHook(hookPath, script);
  return {
    ok: true,
    message:
      `Installed the sscs pre-commit hook at {hook}; the hook that was there is now ` +
      `${CHAINED_HOOK} and runs first.`,
  };
}

/** Removes the sscs hook and moves a chained hook back; refuses to touch a foreign hook. */
export async function uninstallHook(hooksFolder: string): Promise<HookOutcome> {
  const hookPath = join(hooksFolder, 'pre-commit');
  const chainedPath = join(hooksFolder, CHAINED_HOOK);
  const existing = await readIfPresent(hookPath);

  if (existing === undefined) return { ok: true, message: 'No pre-commit hook is installed.' };
  if (!isSscsHook(existing)) {
    return { ok: false, message: 'The pre-commit hook at {hook} is not an sscs hook; kept it.' };
  }
  await rm(hookPath);
  if ((await readIfPresent(chainedPath)) === undefined) {
    return { ok: true, message: 'Removed the sscs pre-commit hook at {hook}.' };
  }
  await rename(chainedPath, hookPath);
  return {
    ok: true,
    message: `Removed the sscs pre-commit hook at {hook} and moved ${CHAINED_HOOK} back.`,
  };
}

/**
 * The command baked into the hook: SSCS_BIN when set, else node with the bundle that runs
 * now (`dist/cli.js`, reached through npm's bin link), else `sscs` on PATH (a run through tsx
 * during development has no bundle to point at).
 */
export function hookCommand(
  env: NodeJS.ProcessEnv,
  script: string | undefined = process.argv[1],
  node: string = process.execPath,
): HookCommand {
  if (env.SSCS_BIN) return { kind: 'bin', bin: env.SSCS_BIN };
  const cli = script === undefined ? undefined : realpathOrUndefined(script);
  if (cli !== undefined && /\.c?js$/.test(cli)) return { kind: 'node', node, cli };
  return { kind: 'bin', bin: 'sscs' };
}

function parseFlags(action: 'install' | 'uninstall', rest: string[]): boolean {
  try {
    const { values } = parseArgs({
      args: rest,
      options: { force: { type: 'boolean', default: false } },
      strict: true,
      allowPositionals: false,
    });
    if (action === 'uninstall' && values.force) {
      throw new UsageError("'sscs hook uninstall' takes no options");
    }
    return values.force === true;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

function refuse(reason: string): HookOutcome {
  return { ok: false, message: `${reason}; run 'sscs hook install --force' to replace it.` };
}

// Written beside the hook and renamed over it, so a failed write never leaves half a hook.
async function writeHook(hookPath: string, script: string): Promise<void> {
  const temp = `${hookPath}.sscs-tmp`;
  await writeFile(temp, script, { mode: 0o755 });
  await chmod(temp, 0o755);
  await rename(temp, hookPath);
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function realpathOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel.startsWith('..') ? path : rel.split(sep).join('/');
}
