// SPDX-License-Identifier: Apache-2.0
// package.json: the dependency sections and npm `overrides`. Records carry the declared spec;
// the lockfile beside the manifest says what was installed.
import { ParseError } from '../errors';
import { baseName, isObject } from '../lockfiles/parse-input';
import { JsonLocator, parseJsonText } from '../lockfiles/json-text';
import { npmMessages } from '../lockfiles/npm-messages';
import { classifyNpmSpec, splitNpmAlias } from '../lockfiles/npm-source';
import { formatPurl } from '../purl';
import { EMPTY_RANGE } from '../text';
import { npmVersions } from '../versions/npm';
import type { FileParser, FileProblem, PackageRecord, ParsedFile, TextRange } from '../types';

const SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'];
/** Nesting npm accepts in `overrides` is unbounded; real files use two or three levels. */
const MAX_OVERRIDE_DEPTH = 32;

export const packageJsonParser: FileParser = {
  format: 'package-json',
  ecosystem: 'npm',
  kind: 'manifest',
  matches: (path) => baseName(path) === 'package.json',
  parse: (text, path) => parsePackageJson(text, path),
};

/**
 * Reads the dependency sections and `overrides` of a package.json. Throws `ParseError` when
 * the text is not a JSON object; entries that are not strings become `unscanned` problems.
 */
export function parsePackageJson(text: string, path: string): ParsedFile {
  const data = parseJsonText(text, path);
  if (!isObject(data)) {
    throw new ParseError(path, `${baseName(path)} is not a package manifest: expected an object`);
  }

  const locator = new JsonLocator(text);
  const locate = (keyPath: string[]): TextRange => locator.propertyRange(keyPath) ?? EMPTY_RANGE;
  const records: PackageRecord[] = [];
  const problems: FileProblem[] = [];
  const unscanned = (keyPath: string[], message: string): void => {
    problems.push({ code: 'unscanned', message, range: locate(keyPath) });
  };

  for (const section of SECTIONS) {
    const deps = data[section];
    if (deps === undefined) continue;
    if (!isObject(deps)) {
      unscanned([section], npmMessages.sectionNotObject(section));
      continue;
    }
    for (const name of Object.keys(deps)) {
      const spec = deps[name];
      if (typeof spec === 'string') {
        records.push(manifestRecord(section, [section, name], name, spec));
      } else {
        unscanned([section, name], npmMessages.specNotString(section, name));
      }
    }
  }
  readOverrides(data, records, unscanned);

  return {
    path,
    format: 'package-json',
    ecosystem: 'npm',
    kind: 'manifest',
    packages: records,
    problems,
    locate: (record) => locate(keyPathOf(record.key)),
    introducedBy: () => [],
  };
}

function manifestRecord(
  section: string,
  keyPath: string[],
  declared: string,
  declaredSpec: string,
): PackageRecord {
  // `"alias": "npm:real@range"` installs `real`; policy rules name the real package.
  const alias = splitNpmAlias(declaredSpec);
  const name = alias ? alias.name : declared;
  const spec = alias ? alias.spec : declaredSpec;
  const source = classifyNpmSpec(declaredSpec);
  const exact = source === 'registry' && npmVersions.isExact(spec);
  const record: PackageRecord = {
    ecosystem: 'npm',
    name,
    version: spec,
    exact,
    purl: formatPurl('npm', name, exact ? spec : undefined),
    source,
    direct: true,
    section,
    key: JSON.stringify(keyPath),
  };
  if (section === 'devDependencies') record.dev = true;
  if (section === 'optionalDependencies') record.optional = true;
  return record;
}

// npm `overrides`: `"name": "spec"`, `"name@range": "spec"`, or an object whose `"."` key
// overrides the package itself and whose other keys override its dependencies. `$name`
// points at the spec the root manifest declares for `name`.
// Limit: yarn `resolutions` and `pnpm.overrides` are not read; they yield no records.
function readOverrides(
  data: Record<string, unknown>,
  records: PackageRecord[],
  unscanned: (keyPath: string[], message: string) => void,
): void {
  const overrides = data.overrides;
  if (overrides === undefined) return;
  if (!isObject(overrides)) {
    unscanned(['overrides'], npmMessages.sectionNotObject('overrides'));
    return;
  }

  const visit = (keyPath: string[], owner: string, value: Record<string, unknown>): void => {
    for (const key of Object.keys(value)) {
      const childPath = [...keyPath, key];
      const name = key === '.' ? owner : overrideName(key);
      const child = value[key];
      if (typeof child === 'string') {
        const spec = child.startsWith('$') ? (rootSpec(data, child.slice(1)) ?? child) : child;
        records.push(manifestRecord('overrides', childPath, name, spec));
      } else if (isObject(child) && childPath.length <= MAX_OVERRIDE_DEPTH) {
        visit(childPath, name, child);
      } else {
        unscanned(childPath, npmMessages.specNotString('overrides', name));
      }
    }
  };
  visit(['overrides'], '', overrides);
}

// `name@range` and `@scope/name@range` selectors: the name is what precedes the range.
function overrideName(key: string): string {
  const at = key.indexOf('@', 1);
  return at === -1 ? key : key.slice(0, at);
}

function rootSpec(data: Record<string, unknown>, name: string): string | undefined {
  for (const section of SECTIONS) {
    const deps = data[section];
    const spec = isObject(deps) ? deps[name] : undefined;
    if (typeof spec === 'string') return spec;
  }
  return undefined;
}

// Keys are JSON arrays of property names, written by manifestRecord.
function keyPathOf(key: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(key);
  } catch (err) {
    // A record from another parser has no path here; it locates to the empty range.
    if (err instanceof SyntaxError) return [];
    throw err;
  }
  if (!Array.isArray(value)) return [];
  return value.filter((part): part is string => typeof part === 'string');
}
