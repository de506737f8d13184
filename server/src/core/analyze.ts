// SPDX-License-Identifier: Apache-2.0
// The engine both the language server and the CLI run: parse one file, apply the firewall
// policy and the hygiene checks, and attach related information from lockfile findings to the
// manifest entries that bring the packages in.
import { basename, dirname, join } from 'node:path';

import { describeError, ParseError } from './errors';
import { parserFor } from './parsers';
import { applyMode, evaluateFile } from './policy/evaluate';
import { checkHygiene } from './policy/hygiene';
import { EMPTY_RANGE, stripBom } from './text';

import type { EffectivePolicy, SuppressedFinding } from './policy/policy.types';
import type {
  Finding,
  PackageRecord,
  ParseContext,
  ParsedFile,
  RelatedLocation,
  TextRange,
} from './types';

export interface AnalysisContext {
  policy: EffectivePolicy;
  now: Date;
  /** Receives the findings that active exceptions lifted (for SARIF suppressions). */
  suppressed?: SuppressedFinding[];
  /** The parsed manifest next to a lockfile, for related information; undefined if none. */
  manifestFor?: (lockfilePath: string) => ParsedFile | undefined;
}

export interface FileAnalysis {
  path: string;
  /** Undefined when the file could not be parsed (then `findings` holds a parse-error). */
  parsed?: ParsedFile;
  findings: Finding[];
}

/** Whether sscs reads this file at all. */
export function isSupportedFile(path: string): boolean {
  return parserFor(path) !== undefined;
}

/** The manifest that sits next to a lockfile (npm family: package.json). */
export function manifestPathFor(lockfilePath: string): string {
  return join(dirname(lockfilePath), 'package.json');
}

/**
 * Parses `text` as the file at `path`. A file that cannot be parsed at all yields a
 * `parse-error` finding instead of a ParsedFile; other exceptions propagate.
 */
export function parseText(
  path: string,
  text: string,
  context?: ParseContext,
): ParsedFile | Finding {
  const clean = stripBom(text);
  const parser = parserFor(path, clean);
  if (!parser) {
    return problem(path, 'unscanned', `${basename(path)} is not a file sscs can read.`);
  }
  try {
    return parser.parse(clean, path, context);
  } catch (err) {
    if (err instanceof ParseError) {
      return problem(path, 'parse-error', sentence(describeError(err)), err.range);
    }
    throw err;
  }
}

/** Runs the policy and hygiene checks on a parsed file. */
export function analyzeParsed(parsed: ParsedFile, context: AnalysisContext): Finding[] {
  const findings: Finding[] = parsed.problems.map((p) => ({
    code: p.code,
    severity: p.code === 'parse-error' ? 'error' : 'warning',
    message: p.message,
    file: parsed.path,
    range: p.range,
  }));
  const options = { now: context.now, suppressed: context.suppressed };
  findings.push(...evaluateFile(parsed, context.policy, options));
  findings.push(...checkHygiene(parsed, context.policy, options));

  if (parsed.kind === 'lockfile' && context.manifestFor) {
    const manifest = context.manifestFor(parsed.path);
    if (manifest) addRelated(findings, parsed, manifest);
  }
  return applyMode(findings, context.policy);
}

/** Parses and analyzes one file's text. */
export function analyzeText(path: string, text: string, context: AnalysisContext): FileAnalysis {
  const manifest = manifestPathFor(path) === path ? undefined : context.manifestFor?.(path);
  const parsed = parseText(path, text, { manifest });
  if (!('packages' in parsed)) return { path, findings: [parsed] };
  return { path, parsed, findings: analyzeParsed(parsed, context) };
}

// Points lockfile findings about transitive packages at the manifest entries that pull them
// in, so the user sees which of their own dependencies to change.
function addRelated(findings: Finding[], lockfile: ParsedFile, manifest: ParsedFile): void {
  const byName = new Map(manifest.packages.map((record) => [record.name, record]));
  const byKey = new Map<string, ReturnType<typeof lockfile.introducedBy>>();
  // Built on the first finding about a package: files without such findings skip the walk.
  let records: Map<string, PackageRecord> | undefined;

  for (const finding of findings) {
    if (!finding.package) continue;
    records ??= new Map(lockfile.packages.map((record) => [recordId(record), record]));
    const record = records.get(recordId(finding.package));
    if (!record) continue;

    const related: RelatedLocation[] = [];
    const direct = byName.get(record.name);
    if (record.direct && direct) {
      related.push({
        file: manifest.path,
        range: manifest.locate(direct),
        message: `${record.name} is declared here.`,
      });
    } else {
      let roots = byKey.get(record.key);
      if (!roots) {
        roots = lockfile.introducedBy(record);
        byKey.set(record.key, roots);
      }
      for (const root of roots) {
        const entry = byName.get(root);
        if (!entry) continue;
        related.push({
          file: manifest.path,
          range: manifest.locate(entry),
          message: `${record.name} ${record.version} comes in through ${root}.`,
        });
      }
    }
    if (related.length > 0) finding.related = related;
  }
}

function recordId(record: { name: string; version: string }): string {
  return `${record.name}@${record.version}`;
}

function problem(
  path: string,
  code: 'parse-error' | 'unscanned',
  message: string,
  range: TextRange = EMPTY_RANGE,
): Finding {
  return {
    code,
    severity: code === 'parse-error' ? 'error' : 'warning',
    message,
    file: path,
    range,
  };
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
