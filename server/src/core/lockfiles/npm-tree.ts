// SPDX-License-Identifier: Apache-2.0
// What npm lockfile versions share: record fields and node_modules path resolution.
import { formatPurl } from '../purl';
import { isObject } from './parse-input';
import type { PackageRecord, PackageSource } from '../types';

/** Record fields common to every npm lockfile version. */
/** The fields every npm-family lockfile record has; each format adds what it records. */
export function baseRecord(
  name: string,
  version: string,
  key: string,
  source: PackageSource,
  direct: boolean,
): PackageRecord {
  const exact = isExactVersion(version);
  return {
    ecosystem: 'npm',
    name,
    version,
    exact,
    purl: formatPurl('npm', name, exact ? version : undefined),
    source,
    direct,
    key,
  };
}

export function lockRecord(
  name: string,
  version: string,
  key: string,
  entry: Record<string, unknown>,
  source: PackageSource,
  direct: boolean,
): PackageRecord {
  const record = baseRecord(name, version, key, source, direct);
  if (typeof entry.resolved === 'string') record.resolved = entry.resolved;
  if (typeof entry.integrity === 'string') record.integrity = entry.integrity;
  // `devOptional` (dev or optional, not both) sets neither flag: omitting either keeps it.
  if (entry.dev === true) record.dev = true;
  if (entry.optional === true) record.optional = true;
  if (entry.hasInstallScript === true) record.hasInstallScript = true;
  return record;
}

/** A plain semver version; a regex rather than semver.valid because it runs per entry. */
export function isExactVersion(version: string): boolean {
  return /^v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?$/.test(version);
}

/** The package name a lockfile path ends in: `node_modules/a/node_modules/@s/b` gives `@s/b`. */
export function nameFromPath(key: string): string {
  const at = key.lastIndexOf('node_modules/');
  return at === -1 ? key.slice(key.lastIndexOf('/') + 1) : key.slice(at + 'node_modules/'.length);
}

/**
 * Node's lookup: a dependency `name` of the folder `from` is the nearest
 * `<ancestor>/node_modules/<name>` that exists, ending at the root's `node_modules`.
 */
export function resolveFrom(
  has: (key: string) => boolean,
  from: string,
  name: string,
): string | undefined {
  let base = from;
  for (;;) {
    const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (has(candidate)) return candidate;
    if (base === '') return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

/** Names an entry declares in `sections`, without duplicates. */
export function declaredNames(entry: unknown, sections: readonly string[]): string[] {
  if (!isObject(entry)) return [];
  const names = new Set<string>();
  for (const section of sections) {
    const deps = entry[section];
    if (isObject(deps)) for (const name of Object.keys(deps)) names.add(name);
  }
  return [...names];
}

/** Maps each package reached from an importer to the names the importers declare it by. */
export function collectDirect(
  has: (key: string) => boolean,
  importers: ReadonlyMap<string, readonly string[]>,
): Map<string, string[]> {
  const direct = new Map<string, string[]>();
  for (const [importer, names] of importers) {
    for (const name of names) {
      const target = resolveFrom(has, importer, name);
      if (target === undefined) continue;
      const list = direct.get(target);
      if (list === undefined) direct.set(target, [name]);
      else if (!list.includes(name)) list.push(name);
    }
  }
  return direct;
}
