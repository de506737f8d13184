// SPDX-License-Identifier: Apache-2.0
// npm lockfile v1 (npm 5 and 6): `dependencies` objects nest the way node_modules folders do,
// and each entry's `requires` names what it depends on. Records get v2-style path keys
// (`node_modules/a/node_modules/b`) so the resolution code is shared with v2 and v3.
import { EMPTY_RANGE } from '../text';
import { IntroducerIndex } from './dependency-graph';
import { JsonLocator } from './json-text';
import { npmMessages } from './npm-messages';
import { classifyNpmSpec, splitNpmAlias } from './npm-source';
import { collectDirect, declaredNames, isExactVersion, lockRecord, resolveFrom } from './npm-tree';
import { isObject } from './parse-input';
import type { FileProblem, PackageRecord, ParsedFile, TextRange } from '../types';

const REQUIRES = ['requires'];

/** Reads the nested `dependencies` of a v1 lockfile; `text` is only used for positions. */
export function parseNpmLockV1(
  text: string,
  path: string,
  dependencies: Record<string, unknown>,
): ParsedFile {
  const locator = new JsonLocator(text);
  const keyRange = (key: string): TextRange => locator.keyRange(jsonPath(key)) ?? EMPTY_RANGE;
  const entries = new Map<string, Record<string, unknown>>();
  const problems: FileProblem[] = [];
  const unscanned = (key: string, message: string): void => {
    problems.push({ code: 'unscanned', message, range: keyRange(key) });
  };

  // Iterative walk: nesting depth is input-controlled.
  const stack: Array<[string, Record<string, unknown>]> = [['', dependencies]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [parent, deps] = next;
    for (const name of Object.keys(deps)) {
      const key = parent === '' ? `node_modules/${name}` : `${parent}/node_modules/${name}`;
      const entry = deps[name];
      if (!isObject(entry)) {
        unscanned(key, npmMessages.entryNotObject(key));
        continue;
      }
      entries.set(key, entry);
      if (isObject(entry.dependencies)) stack.push([key, entry.dependencies]);
    }
  }

  const has = (key: string): boolean => entries.has(key);
  const roots = topLevelOrphans(entries, has);
  const importers = new Map<string, string[]>([['', roots]]);
  const directNames = collectDirect(has, importers);

  const records: PackageRecord[] = [];
  for (const [key, entry] of entries) {
    const record = v1Record(key, entry, directNames.has(key));
    if (record) records.push(record);
    else unscanned(key, npmMessages.entryWithoutVersion(key));
  }

  const index = new IntroducerIndex({
    forEachEdge: (visit) => {
      for (const [key, entry] of entries) {
        for (const name of declaredNames(entry, REQUIRES)) {
          const target = resolveFrom(has, key, name);
          if (target !== undefined) visit(key, target);
        }
      }
    },
    isImporter: (key) => key === '',
    directNames: (key) => directNames.get(key),
  });

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

// Limit: v1 lockfiles do not record the root manifest's dependencies; a top-level entry counts
// as direct only when no other entry requires it, so a direct dependency that another
// package also requires reads as transitive.
function topLevelOrphans(
  entries: ReadonlyMap<string, Record<string, unknown>>,
  has: (key: string) => boolean,
): string[] {
  const required = new Set<string>();
  for (const [key, entry] of entries) {
    for (const name of declaredNames(entry, REQUIRES)) {
      const target = resolveFrom(has, key, name);
      if (target !== undefined) required.add(target);
    }
  }
  const roots: string[] = [];
  for (const key of entries.keys()) {
    if (key.includes('/node_modules/') || required.has(key)) continue;
    roots.push(key.slice('node_modules/'.length));
  }
  return roots;
}

function v1Record(
  key: string,
  entry: Record<string, unknown>,
  direct: boolean,
): PackageRecord | undefined {
  if (typeof entry.version !== 'string' || entry.version === '') return undefined;
  const declared = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
  const alias = splitNpmAlias(entry.version);
  const name = alias ? alias.name : declared;
  const version = alias ? alias.spec : entry.version;

  // v1 writes git, file and URL dependencies as the version itself.
  const location = typeof entry.resolved === 'string' ? entry.resolved : undefined;
  const exact = isExactVersion(version);
  const source = classifyNpmSpec(location ?? (exact ? '' : version));
  const record = lockRecord(name, version, key, entry, source, direct);
  if (location === undefined && !exact) record.resolved = version;
  return record;
}

function jsonPath(key: string): string[] {
  const path: string[] = [];
  for (const name of key.slice('node_modules/'.length).split('/node_modules/')) {
    path.push('dependencies', name);
  }
  return path;
}
