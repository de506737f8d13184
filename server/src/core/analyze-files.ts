// SPDX-License-Identifier: Apache-2.0
// Analyzes a set of files read through a FileSource: manifests first, so that lockfile
// findings can point at the manifest entries that bring their packages in.
import { analyzeParsed, manifestPathFor, parseText } from './analyze';

import type { AnalysisContext, FileAnalysis } from './analyze';
import type { FileSource } from './file-source';
import type { ParsedFile } from './types';

export type FilesContext = Omit<AnalysisContext, 'manifestFor'>;

/** Analyzes `paths` (absolute); files the source does not have are skipped. */
export async function analyzeFiles(
  paths: string[],
  source: FileSource,
  context: FilesContext,
): Promise<FileAnalysis[]> {
  const texts = new Map<string, string>();
  await Promise.all(
    paths.map(async (path) => {
      const text = await source.read(path);
      if (text !== undefined) texts.set(path, text);
    }),
  );

  const parsed = new Map<string, ParsedFile | undefined>();
  const results = new Map<string, FileAnalysis>();
  const parse = (path: string, text: string): FileAnalysis => {
    const manifest = manifestPathFor(path) === path ? undefined : parsed.get(manifestPathFor(path));
    const result = parseText(path, text, { manifest });
    if ('packages' in result) {
      parsed.set(path, result);
      return { path, parsed: result, findings: [] };
    }
    parsed.set(path, undefined);
    return { path, findings: [result] };
  };

  // Manifests the lockfiles refer to but the caller did not list are parsed for context only.
  for (const path of texts.keys()) {
    const manifest = manifestPathFor(path);
    if (manifest !== path && !texts.has(manifest) && !parsed.has(manifest)) {
      const text = await source.read(manifest);
      if (text !== undefined) parse(manifest, text);
    }
  }

  const ordered = [...texts.keys()].sort(byManifestFirst);
  const withManifest: AnalysisContext = {
    ...context,
    manifestFor: (lockfile) => parsed.get(manifestPathFor(lockfile)),
  };
  for (const path of ordered) {
    const text = texts.get(path) ?? '';
    const result = parse(path, text);
    if (result.parsed) result.findings = analyzeParsed(result.parsed, withManifest);
    results.set(path, result);
  }
  return paths.flatMap((path) => {
    const result = results.get(path);
    return result ? [result] : [];
  });
}

function byManifestFirst(a: string, b: string): number {
  const rank = (path: string) => (manifestPathFor(path) === path ? 0 : 1);
  return rank(a) - rank(b) || a.localeCompare(b);
}
