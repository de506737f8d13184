// SPDX-License-Identifier: Apache-2.0
// pnpm-lock.yaml, lockfile versions 6 and 9. `packages` holds one entry per package version
// (v6 keys `/name@version(peers)`, v9 keys `name@version`); v9 moves the dependency graph
// into `snapshots`, one per peer-dependency variant. `importers` are the workspace projects.
import { ParseError } from '../errors';
import { LineIndex } from '../text';
import { IntroducerIndex } from './dependency-graph';
import { npmMessages } from './npm-messages';
import { classifyNpmSpec, splitNameSpec } from './npm-source';
import { baseRecord } from './npm-tree';
import { baseName, isObject } from './parse-input';
import { indexPnpmPackageKeys } from './pnpm-keys';
import { loadYamlDocuments } from './yaml-text';
import type {
  FileParser,
  FileProblem,
  PackageRecord,
  PackageSource,
  ParsedFile,
  TextRange,
} from '../types';

const IMPORTER_SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies'];
const EDGE_SECTIONS = ['dependencies', 'optionalDependencies'];
/** Graph ids of importers start with a character no package key contains. */
const IMPORTER = '\u0000';

export const pnpmLockParser: FileParser = {
  format: 'pnpm-lock',
  ecosystem: 'npm',
  kind: 'lockfile',
  matches: (path) => baseName(path) === 'pnpm-lock.yaml',
  parse: (text, path) => parsePnpmLock(text, path),
};

/**
 * Reads a pnpm lockfile (v6 or v9). Throws `ParseError` for invalid YAML or a document that
 * is not a pnpm lockfile, and with code `UNSUPPORTED_FORMAT` for lockfile versions before 6.
 */
export function parsePnpmLock(text: string, path: string): ParsedFile {
  const data = lockDocument(loadYamlDocuments(text, path), path);
  const packages = isObject(data.packages) ? data.packages : {};
  const snapshots = isObject(data.snapshots) ? data.snapshots : undefined;
  const nodes = snapshots ?? packages;
  const importers = importersOf(data);

  const resolve = (name: string, version: string): string | undefined => {
    if (version.startsWith('link:')) return undefined;
    for (const candidate of [version, `${name}@${version}`, `/${name}@${version}`]) {
      if (isObject(nodes[candidate])) return candidate;
    }
    return undefined;
  };
  const directNames = new Map<string, string[]>();
  for (const importer of Object.values(importers)) {
    for (const [name, version] of dependencyPairs(importer, IMPORTER_SECTIONS)) {
      const node = resolve(name, version);
      if (node === undefined) continue;
      const names = directNames.get(node) ?? [];
      if (!names.includes(name)) names.push(name);
      directNames.set(node, names);
    }
  }
  // v6 graph nodes are the package keys themselves; v9 snapshots name peer variants.
  const toPackageKey = snapshots ? packageKeyOf : (node: string) => node;
  const directKeys = new Set([...directNames.keys()].map(toPackageKey));
  const optionalKeys = snapshots ? allOptional(snapshots) : undefined;

  let keySpans: ReturnType<typeof indexPnpmPackageKeys> | undefined;
  const lines = new LineIndex(text);
  const locateKey = (key: string): TextRange => {
    keySpans ??= indexPnpmPackageKeys(text);
    const span = keySpans.get(key) ?? { offset: 0, length: 0 };
    return lines.rangeAt(span.offset, span.length);
  };

  const records: PackageRecord[] = [];
  const problems: FileProblem[] = [];
  // A `packages` section of another shape hides every package: say so rather than pass.
  if (data.packages !== undefined && data.packages !== null && !isObject(data.packages)) {
    const at = text.search(/^packages:/m);
    const range = at < 0 ? lines.rangeAt(0, 0) : lines.rangeAt(at, 'packages'.length);
    problems.push({ code: 'unscanned', message: npmMessages.sectionNotObject('packages'), range });
  }
  for (const key of Object.keys(packages)) {
    const entry = packages[key];
    const record = isObject(entry)
      ? pnpmRecord(key, entry, directKeys.has(key), optionalKeys?.has(key))
      : npmMessages.entryNotObject(key);
    if (typeof record === 'string') {
      problems.push({ code: 'unscanned', message: record, range: locateKey(key) });
    } else {
      records.push(record);
    }
  }

  let variants: Map<string, string[]> | undefined;
  const index = new IntroducerIndex({
    forEachEdge: (visit) => {
      for (const [path, importer] of Object.entries(importers)) {
        for (const [name, version] of dependencyPairs(importer, IMPORTER_SECTIONS)) {
          const node = resolve(name, version);
          if (node !== undefined) visit(IMPORTER + path, node);
        }
      }
      for (const node of Object.keys(nodes)) {
        for (const [name, version] of dependencyPairs(nodes[node], EDGE_SECTIONS)) {
          const target = resolve(name, version);
          if (target !== undefined) visit(node, target);
        }
      }
    },
    isImporter: (node) => node.startsWith(IMPORTER),
    directNames: (node) => directNames.get(node),
  });
  const nodesOf = (key: string): string[] => {
    if (snapshots === undefined) return [key];
    variants ??= groupVariants(Object.keys(snapshots));
    return variants.get(key) ?? [key];
  };

  return {
    path,
    format: 'pnpm-lock',
    ecosystem: 'npm',
    kind: 'lockfile',
    packages: records,
    problems,
    locate: (record) => locateKey(record.key),
    introducedBy: (record) => (record.direct ? [] : index.introducers(nodesOf(record.key))),
  };
}

// Limit: lockfile versions before 6 (pnpm 7 and older, `/name/version` keys) are not read;
// they raise ParseError with code UNSUPPORTED_FORMAT.
function lockDocument(documents: unknown[], path: string): Record<string, unknown> {
  const name = baseName(path);
  const data = documents.filter((doc) => isObject(doc) && 'lockfileVersion' in doc).pop();
  if (!isObject(data)) {
    throw new ParseError(path, `${name} is not a pnpm lockfile: it has no lockfileVersion`);
  }
  const version = Number.parseFloat(String(data.lockfileVersion));
  if (Number.isNaN(version)) {
    const message = `${name} is not a pnpm lockfile: its lockfileVersion is not a number`;
    throw new ParseError(path, message);
  }
  if (version < 6) {
    const written = String(data.lockfileVersion);
    const message = `${name} uses lockfileVersion ${written}, and sscs reads versions 6 and later`;
    throw new ParseError(path, message, undefined, 'UNSUPPORTED_FORMAT');
  }
  return data;
}

// Single-project lockfiles keep the importer's sections at the top level.
function importersOf(data: Record<string, unknown>): Record<string, unknown> {
  if (isObject(data.importers)) return data.importers;
  return { '.': data };
}

// Importer values are `{specifier, version}`; package and snapshot values are the version.
function dependencyPairs(owner: unknown, sections: readonly string[]): Array<[string, string]> {
  if (!isObject(owner)) return [];
  const pairs: Array<[string, string]> = [];
  for (const section of sections) {
    const deps = owner[section];
    if (!isObject(deps)) continue;
    for (const name of Object.keys(deps)) {
      const value = deps[name];
      const version = isObject(value) ? value.version : value;
      if (typeof version === 'string') pairs.push([name, version]);
    }
  }
  return pairs;
}

/** `name@1.0.0(react@18.2.0)` and its v6 form with a leading slash map to their package. */
function packageKeyOf(node: string): string {
  const paren = node.indexOf('(');
  return paren === -1 ? node : node.slice(0, paren);
}

function groupVariants(nodes: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const node of nodes) {
    const key = packageKeyOf(node);
    const list = groups.get(key);
    if (list) list.push(node);
    else groups.set(key, [node]);
  }
  return groups;
}

// v9 marks optional installs per snapshot; a package is optional when all its variants are.
function allOptional(snapshots: Record<string, unknown>): Set<string> {
  const optional = new Set<string>();
  const required = new Set<string>();
  for (const node of Object.keys(snapshots)) {
    const snapshot = snapshots[node];
    const key = packageKeyOf(node);
    if (isObject(snapshot) && snapshot.optional === true) optional.add(key);
    else required.add(key);
  }
  for (const key of required) optional.delete(key);
  return optional;
}

// Limit: pnpm v9 records no dev flag per package; v9 records leave `dev` unset.
function pnpmRecord(
  key: string,
  entry: Record<string, unknown>,
  direct: boolean,
  optionalVariant: boolean | undefined,
): PackageRecord | string {
  const fromKey = splitNameSpec(packageKeyOf(key.startsWith('/') ? key.slice(1) : key));
  const name = typeof entry.name === 'string' ? entry.name : fromKey?.name;
  const version = typeof entry.version === 'string' ? entry.version : fromKey?.spec;
  if (name === undefined || name === '') return npmMessages.entryWithoutName(key);
  if (version === undefined || version === '') return npmMessages.entryWithoutVersion(key);

  const resolution = isObject(entry.resolution) ? entry.resolution : {};
  const [source, resolved] = locationOf(resolution);
  const record = baseRecord(name, version, key, source, direct);
  if (resolved !== undefined) record.resolved = resolved;
  if (typeof resolution.integrity === 'string') record.integrity = resolution.integrity;
  if (entry.dev === true) record.dev = true;
  if (entry.optional === true || optionalVariant === true) record.optional = true;
  if (entry.requiresBuild === true) record.hasInstallScript = true;
  return record;
}

// Registry packages carry only an integrity; the registry itself comes from pnpm's settings.
function locationOf(resolution: Record<string, unknown>): [PackageSource, string | undefined] {
  const { type, repo, commit, directory, tarball } = resolution;
  if (type === 'git' && typeof repo === 'string') {
    const url = repo.startsWith('git') ? repo : `git+${repo}`;
    return ['git', typeof commit === 'string' ? `${url}#${commit}` : url];
  }
  if (type === 'directory' && typeof directory === 'string') return ['file', `file:${directory}`];
  if (typeof tarball === 'string') return [classifyNpmSpec(tarball), tarball];
  return ['registry', undefined];
}
