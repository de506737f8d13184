// SPDX-License-Identifier: Apache-2.0
// Shared waits and look-ups for the extension-host suite. Every wait is driven by an editor
// event and bounded by a time-out; none sleeps for a fixed time.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'sscs.sscs-vscode';
export const WAIT_MS = 30_000;

/** Finding as printed by `sscs check --format json` (SPEC section 4). */
export interface CliFinding {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  package?: { ecosystem: string; name: string; version: string; purl: string };
  rule?: string;
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the suite needs a workspace folder (examples/npm-demo)');
  return folder.uri;
}

export function fileInWorkspace(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

export function sscsDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'sscs');
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  if (typeof code === 'object' && code !== null) return String(code.value);
  return String(code);
}

/**
 * Resolves with the first non-undefined value of `probe`, checked now and after every
 * diagnostics change; rejects after `timeoutMs` with `what` and the last state described.
 */
export function waitForDiagnostics<T>(
  probe: () => T | undefined,
  what: string,
  describe: () => string = () => '',
  timeoutMs = WAIT_MS,
): Promise<T> {
  const first = probe();
  if (first !== undefined) return Promise.resolve(first);

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}. ${describe()}`));
    }, timeoutMs);
    const subscription = vscode.languages.onDidChangeDiagnostics(() => {
      const value = probe();
      if (value === undefined) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
  });
}

/** Resolves at the next diagnostics change; rejects when none comes within `timeoutMs`. */
export function nextDiagnosticsChange(timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`no diagnostics change within ${timeoutMs} ms`));
    }, timeoutMs);
    const subscription = vscode.languages.onDidChangeDiagnostics(() => {
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
  });
}

export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed in this host`);
  await extension.activate();
  return extension;
}

/** The organization policy the runner configured in the user settings, as a path. */
export function organizationPolicy(): string | undefined {
  return vscode.workspace.getConfiguration('sscs').get<string>('policy.organization') || undefined;
}

/** Runs the extension's own CLI on the workspace: the editor must agree with it (SPEC 5). */
export async function runCliCheck(extensionPath: string): Promise<CliFinding[]> {
  const cli = path.join(extensionPath, 'dist', 'cli.js');
  const args = [cli, 'check', '.', '--format', 'json', '--fail-on', 'never'];
  const org = organizationPolicy();
  if (org) args.push('--org-policy', org);

  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      {
        cwd: workspaceRoot().fsPath,
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
        maxBuffer: 32 * 1024 * 1024,
      },
      (error, out, err) => {
        if (!error) resolve(out);
        else reject(new Error(`sscs check failed: ${err || error.message}`, { cause: error }));
      },
    );
  });
  const report = JSON.parse(stdout) as { findings: CliFinding[] };
  return report.findings;
}

export function severityName(severity: vscode.DiagnosticSeverity): string {
  switch (severity) {
    case vscode.DiagnosticSeverity.Error:
      return 'error';
    case vscode.DiagnosticSeverity.Warning:
      return 'warning';
    case vscode.DiagnosticSeverity.Information:
      return 'info';
    default:
      return 'hint';
  }
}

/** One comparable line per finding: file, code, severity, range, message. */
export function keyOfDiagnostic(file: string, d: vscode.Diagnostic): string {
  const r = d.range;
  const where = `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
  return `${file} ${codeOf(d)} ${severityName(d.severity)} ${where} ${d.message}`;
}

export function keyOfFinding(f: CliFinding): string {
  const r = f.range;
  const where = `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
  return `${f.file} ${f.code} ${f.severity} ${where} ${f.message}`;
}
