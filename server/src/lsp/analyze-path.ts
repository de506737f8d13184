// SPDX-License-Identifier: Apache-2.0
// One document's diagnostics: a manifest or lockfile through the engine, or a policy file's
// own problems (policy-error, exception-expired, exception-expiring).
import { analyzeText, isSupportedFile, manifestPathFor } from '../core/analyze';
import { policyFileFindings } from '../core/policy/evaluate';
import { toDiagnostic } from './diagnostics';
import { analyzeInWorker, WORKER_THRESHOLD } from './worker-analysis';

import type { Diagnostic } from 'vscode-languageserver/node';
import type { URI } from 'vscode-uri';
import type { Finding } from '../core/types';
import type { SscsServer } from './server';

/** Diagnostics for `uri`, or undefined when sscs has nothing to say about that kind of file. */
export async function analyzePath(
  server: SscsServer,
  uri: URI,
  signal: AbortSignal,
): Promise<Diagnostic[] | undefined> {
  // Limit: only file: URIs are analyzed; documents of virtual file systems get no diagnostics.
  if (uri.scheme !== 'file' || !server.settings.enable) return [];
  const path = uri.fsPath;
  const root = server.rootFor(path);
  const set = await server.policies.get(root);
  const text = await server.source.read(path);
  if (text === undefined) return [];

  if (path === set.organization?.path || path === set.project?.path) {
    const findings = policyFileFindings(set.effective, new Date());
    return findings.filter((finding) => finding.file === path).map(toDiagnostic);
  }

  if (!isSupportedFile(path)) return undefined;
  const manifestPath = manifestPathFor(path);
  const manifestText = manifestPath === path ? undefined : await server.source.read(manifestPath);
  if (signal.aborted) return undefined;

  let findings: Finding[];
  if (text.length >= WORKER_THRESHOLD) {
    const manifest =
      manifestText === undefined ? undefined : { path: manifestPath, text: manifestText };
    const input = { path, text, manifest, policy: set.effective, now: Date.now() };
    findings = await analyzeInWorker(input, signal);
  } else {
    const manifest =
      manifestText === undefined ? undefined : server.manifests.parse(manifestPath, manifestText);
    findings = analyzeText(path, text, {
      policy: set.effective,
      now: new Date(),
      manifestFor: () => manifest,
    }).findings;
  }
  return findings.filter((finding) => finding.file === path).map(toDiagnostic);
}
