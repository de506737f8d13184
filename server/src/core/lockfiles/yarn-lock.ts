// SPDX-License-Identifier: Apache-2.0
// yarn.lock, classic (v1) and berry (v2+): two parsers over one record and graph builder.
// Records are keyed by their block; each block answers the `name@range` descriptors in its
// header, and dependency ranges point back at those descriptors.
import { IntroducerIndex } from './dependency-graph';
import { baseRecord } from './npm-tree';
import { baseName } from './parse-input';
import { isBerryLockText, readYarnBerry } from './yarn-berry';
import { readYarnV1 } from './yarn-v1';
import type { FileParser, PackageRecord, ParseContext, ParsedFile } from '../types';
import type { YarnDocument, YarnEntry } from './yarn-entry';

/** A dependency the project's own package.json declares, as `name` and its spec. */
export interface YarnRoot {
  name: string;
  /** The declared range (`^1.2.0`); without it every block for `name` counts as direct. */
  spec?: string;
}

export interface YarnLockOptions {
  /**
   * Direct dependencies from the package.json files beside the lockfile. Yarn v1 does not
   * record them; berry records its workspaces, and these add to them.
   */
  roots?: readonly YarnRoot[];
}

const isYarnLock = (path: string): boolean => baseName(path) === 'yarn.lock';

export const yarnLockBerryParser: FileParser = {
  format: 'yarn-lock-berry',
  ecosystem: 'npm',
  kind: 'lockfile',
  matches: (path, text) => isYarnLock(path) && (text === undefined || isBerryLockText(text)),
  parse: (text, path, context) => parseYarnLock(text, path, { roots: rootsOf(context) }),
};

export const yarnLockV1Parser: FileParser = {
  format: 'yarn-lock-v1',
  ecosystem: 'npm',
  kind: 'lockfile',
  matches: (path, text) => isYarnLock(path) && (text === undefined || !isBerryLockText(text)),
  parse: (text, path, context) => parseYarnLock(text, path, { roots: rootsOf(context) }),
};

const ROOT_SECTIONS = new Set(['dependencies', 'devDependencies', 'optionalDependencies']);

// The manifest's declared dependencies are the roots yarn v1 does not write down.
function rootsOf(context: ParseContext | undefined): YarnRoot[] | undefined {
  return context?.manifest?.packages
    .filter((record) => record.section !== undefined && ROOT_SECTIONS.has(record.section))
    .map((record) => ({ name: record.name, spec: record.version }));
}

/**
 * Reads a yarn.lock of either generation, chosen by its content. `options.roots` names the
 * direct dependencies the lockfile does not record.
 * Throws `ParseError` when the file cannot be read at all.
 */
export function parseYarnLock(
  text: string,
  path: string,
  options: YarnLockOptions = {},
): ParsedFile {
  const berry = isBerryLockText(text);
  const document = berry ? readYarnBerry(text, path) : readYarnV1(text, path);
  const byDescriptor = indexDescriptors(document.entries);
  const byKey = new Map(document.entries.map((entry) => [entry.key, entry]));
  const resolve = (name: string, range: string): YarnEntry | undefined =>
    byDescriptor.get(`${name}@${range}`) ?? byDescriptor.get(`${name}@npm:${range}`);

  // Limit: yarn v1 lockfiles do not record the project's own dependencies; without
  // `options.roots` every v1 record has direct false and introducedBy [].
  const directNames = new Map<string, string[]>();
  const addDirect = (entry: YarnEntry | undefined, name: string): void => {
    if (entry === undefined || entry.isWorkspace) return;
    const names = directNames.get(entry.key) ?? [];
    if (!names.includes(name)) names.push(name);
    directNames.set(entry.key, names);
  };
  for (const entry of document.entries) {
    if (!entry.isWorkspace) continue;
    for (const [name, range] of entry.dependencies) addDirect(resolve(name, range), name);
  }
  for (const root of options.roots ?? []) {
    const exact = root.spec === undefined ? undefined : resolve(root.name, root.spec);
    const found = exact ? [exact] : document.entries.filter((entry) => declares(entry, root.name));
    for (const entry of found) addDirect(entry, root.name);
  }

  const built = new Set<string>();
  for (const descriptor of document.builtDescriptors) {
    const entry = byDescriptor.get(descriptor);
    if (entry) built.add(entry.key);
  }
  const records = document.entries.map((entry) =>
    toRecord(entry, entry.isWorkspace || directNames.has(entry.key), built.has(entry.key)),
  );

  const index = new IntroducerIndex({
    forEachEdge: (visit) => {
      for (const entry of document.entries) {
        for (const [name, range] of entry.dependencies) {
          const target = resolve(name, range);
          if (target) visit(entry.key, target.key);
        }
      }
    },
    isImporter: (key) => byKey.get(key)?.isWorkspace === true,
    directNames: (key) => directNames.get(key),
  });

  return {
    path,
    format: berry ? 'yarn-lock-berry' : 'yarn-lock-v1',
    ecosystem: 'npm',
    kind: 'lockfile',
    packages: records,
    problems: problemsOf(document),
    locate: (record) => document.locateKey(record.key),
    introducedBy: (record) => (record.direct ? [] : index.introducers([record.key])),
  };
}

// Berry writes link and portal descriptors with a `::locator=` suffix naming the workspace
// that declared them; dependency ranges omit it, so both spellings are indexed.
function indexDescriptors(entries: readonly YarnEntry[]): Map<string, YarnEntry> {
  const byDescriptor = new Map<string, YarnEntry>();
  for (const entry of entries) {
    for (const descriptor of entry.descriptors) {
      byDescriptor.set(descriptor, entry);
      const cut = descriptor.indexOf('::');
      if (cut !== -1 && !byDescriptor.has(descriptor.slice(0, cut))) {
        byDescriptor.set(descriptor.slice(0, cut), entry);
      }
    }
  }
  return byDescriptor;
}

function declares(entry: YarnEntry, name: string): boolean {
  return entry.descriptors.some((descriptor) => descriptor.startsWith(`${name}@`));
}

// Limit: yarn lockfiles record no dev or optional flag per package; records leave both unset.
function toRecord(entry: YarnEntry, direct: boolean, hasInstallScript: boolean): PackageRecord {
  const record = baseRecord(entry.name, entry.version, entry.key, entry.source, direct);
  if (entry.resolved !== undefined) record.resolved = entry.resolved;
  if (entry.integrity !== undefined) record.integrity = entry.integrity;
  if (entry.platformSpecific) record.platformSpecific = true;
  if (hasInstallScript) record.hasInstallScript = true;
  return record;
}

function problemsOf(document: YarnDocument): ParsedFile['problems'] {
  return document.problems.map((problem) => ({
    code: 'unscanned',
    message: problem.message,
    range: document.locateKey(problem.key),
  }));
}
