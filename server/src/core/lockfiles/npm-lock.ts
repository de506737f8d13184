// SPDX-License-Identifier: Apache-2.0
// npm package-lock.json and npm-shrinkwrap.json. Lockfile v2 and v3 list every installed folder
// under `packages`, keyed by its path (`node_modules/a/node_modules/b`); v1 nests
// `dependencies` objects instead and is read by npm-lock-v1.ts.
import { ParseError } from '../errors';
import { EMPTY_RANGE } from '../text';
import { IntroducerIndex } from './dependency-graph';
import { JsonLocator, indexKeysByIndent, parseJsonText } from './json-text';
import { npmMessages } from './npm-messages';
import { parseNpmLockV1 } from './npm-lock-v1';
import { classifyNpmSpec } from './npm-source';
import { collectDirect, declaredNames, lockRecord, nameFromPath, resolveFrom } from './npm-tree';
import { baseName, isObject } from './parse-input';
import type { GraphSource } from './dependency-graph';
import type { KeySpan } from './json-text';
import type { FileParser, FileProblem, PackageRecord, ParsedFile, TextRange } from '../types';

const FILE_NAMES = new Set(['package-lock.json', 'npm-shrinkwrap.json']);
const EDGE_SECTIONS = ['dependencies', 'optionalDependencies', 'peerDependencies'];
const IMPORTER_SECTIONS = [...EDGE_SECTIONS, 'devDependencies'];

export const npmLockParser: FileParser = {
  format: 'package-lock',
  ecosystem: 'npm',
  kind: 'lockfile',
  matches: (path) => FILE_NAMES.has(baseName(path)),
  parse: (text, path) => parseNpmLock(text, path),
};

/**
 * Reads an npm lockfile (v1, v2 or v3). Throws `ParseError` when the text is not JSON or not
 * an npm lockfile; unreadable entries become `unscanned` problems.
 */
export function parseNpmLock(text: string, path: string): ParsedFile {
  const data = parseJsonText(text, path);
  if (!isObject(data)) throw notLockfile(path);
  if (isObject(data.packages)) return parsePackages(text, path, data.packages);
  if (isObject(data.dependencies) || typeof data.lockfileVersion === 'number') {
    const parsed = parseNpmLockV1(text, path, isObject(data.dependencies) ? data.dependencies : {});
    // A `packages` section of another shape hides every package: say so rather than pass.
    if (data.packages !== undefined) {
      const range = new JsonLocator(text).keyRange(['packages']) ?? EMPTY_RANGE;
      parsed.problems.push({
        code: 'unscanned',
        message: npmMessages.sectionNotObject('packages'),
        range,
      });
    }
    return parsed;
  }
  throw notLockfile(path);
}

function notLockfile(path: string): ParseError {
  const message = `${baseName(path)} is not an npm lockfile: it has no lockfileVersion or packages`;
  return new ParseError(path, message);
}

function parsePackages(text: string, path: string, packages: Record<string, unknown>): ParsedFile {
  const locator = new JsonLocator(text);
  const has = (key: string): boolean => isObject(packages[key]);
  const keys = Object.keys(packages);
  const folders = workspaceFolders(keys, packages['']);
  const importers = new Map<string, string[]>();
  for (const folder of ['', ...folders]) {
    importers.set(folder, declaredNames(packages[folder], IMPORTER_SECTIONS));
  }
  const directNames = collectDirect(has, importers);

  // npm pretty-prints with JSON.stringify, so one line scan finds every `packages` key; the
  // tree is the fallback for minified or hand-edited files. Both wait for the first lookup,
  // and a file with few findings usually needs neither (see findKeyDirectly).
  let keySpans: Map<string, KeySpan> | undefined;
  const packagesAt = Math.max(0, text.indexOf('"packages"') + 10);
  const keyRange = (key: string): TextRange => {
    const direct = keySpans ? undefined : findKeyDirectly(text, key, packagesAt);
    if (direct !== undefined) return locator.lines.rangeAt(direct.offset, direct.length);
    keySpans ??= indexKeysByIndent(text, packagesAt);
    const span = keySpans.get(key);
    if (span !== undefined) return locator.lines.rangeAt(span.offset, span.length);
    return locator.keyRange(['packages', key]) ?? EMPTY_RANGE;
  };

  const records: PackageRecord[] = [];
  const problems: FileProblem[] = [];
  const unscanned = (key: string, message: string): void => {
    problems.push({ code: 'unscanned', message, range: keyRange(key) });
  };
  for (const key of keys) {
    if (key === '') continue;
    const entry = packages[key];
    if (!isObject(entry)) {
      unscanned(key, npmMessages.entryNotObject(key));
      continue;
    }
    const record = packageRecord(key, entry, packages, folders, directNames);
    if (record) records.push(record);
    else unscanned(key, npmMessages.entryWithoutVersion(key));
  }

  const graph: GraphSource = {
    forEachEdge: (visit) => {
      for (const key of keys) {
        const entry = packages[key];
        if (!isObject(entry)) continue;
        if (entry.link === true && typeof entry.resolved === 'string' && has(entry.resolved)) {
          visit(key, entry.resolved);
        }
        const sections = importers.has(key) ? IMPORTER_SECTIONS : EDGE_SECTIONS;
        for (const name of declaredNames(entry, sections)) {
          const target = resolveFrom(has, key, name);
          if (target !== undefined) visit(key, target);
        }
      }
    },
    isImporter: (key) => importers.has(key),
    directNames: (key) => directNames.get(key),
  };
  const index = new IntroducerIndex(graph);

  return {
    path,
    format: 'package-lock',
    ecosystem: 'npm',
    kind: 'lockfile',
    packages: records,
    problems,
    locate: (record) => keyRange(record.key),
    introducedBy: (record) => (record.direct ? [] : index.introducers([record.key])),
  };
}

function packageRecord(
  key: string,
  entry: Record<string, unknown>,
  packages: Record<string, unknown>,
  folders: ReadonlySet<string>,
  directNames: ReadonlyMap<string, string[]>,
): PackageRecord | undefined {
  const isFolder = !key.startsWith('node_modules/') && !key.includes('/node_modules/');
  const target = entry.link === true && typeof entry.resolved === 'string' ? entry.resolved : '';
  const linked = target === '' ? undefined : packages[target];
  const version = stringOr(entry.version, isObject(linked) ? stringOr(linked.version, '') : '');
  const name = stringOr(entry.name, nameFromPath(key));

  if (entry.link === true) {
    const direct = directNames.has(key) || folders.has(target);
    return lockRecord(name, version, key, entry, 'link', direct);
  }
  if (isFolder) {
    const source = folders.has(key) ? 'workspace' : 'file';
    return lockRecord(name, version, key, entry, source, folders.has(key));
  }
  if (version === '') return undefined;
  const source = typeof entry.resolved === 'string' ? classifyNpmSpec(entry.resolved) : 'registry';
  return lockRecord(name, version, key, entry, source, directNames.has(key));
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

// Workspace folders are the folder keys the root's `workspaces` globs match.
function workspaceFolders(keys: readonly string[], root: unknown): Set<string> {
  const patterns = isObject(root) ? workspacePatterns(root.workspaces) : [];
  const matchers = patterns.map(globToRegExp);
  const folders = new Set<string>();
  for (const key of keys) {
    if (key === '' || key.startsWith('node_modules/') || key.includes('/node_modules/')) continue;
    if (matchers.some((matcher) => matcher.test(key))) folders.add(key);
  }
  return folders;
}

function workspacePatterns(value: unknown): string[] {
  const list = isObject(value) ? value.packages : value;
  if (!Array.isArray(list)) return [];
  return list.filter((item): item is string => typeof item === 'string');
}

function globToRegExp(glob: string): RegExp {
  const trimmed = glob.replace(/^\.\//, '').replace(/\/+$/, '');
  const body = trimmed
    .split(/(\*\*|\*)/)
    .map((part) => {
      if (part === '**') return '.*';
      if (part === '*') return '[^/]*';
      return part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${body}$`);
}

// `node_modules/...` keys are written once in a lockfile, as keys of `packages` only (dependency
// maps name bare packages), so the first `"key":` after `packages` at the indentation of
// `packages` keys is the entry. Anything else (escapes, workspace folder keys, another indent)
// goes to the full scan.
function findKeyDirectly(text: string, key: string, from: number): KeySpan | undefined {
  if (!key.startsWith('node_modules/') || /["\\]/.test(key)) return undefined;
  const quoted = `"${key}":`;
  const at = text.indexOf(quoted, from);
  if (at === -1) return undefined;
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const indent = text.slice(lineStart, at);
  if (!/^[ \t]*$/.test(indent) || indent.length !== packagesKeyIndent(text, from)) return undefined;
  return { offset: at, length: key.length + 2 };
}

function packagesKeyIndent(text: string, from: number): number {
  const match = /\n([ \t]*)"/.exec(text.slice(from, from + 200));
  return match ? match[1].length : -1;
}
