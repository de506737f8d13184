// SPDX-License-Identifier: Apache-2.0
// Yarn berry (v2 and later) lockfiles: YAML with a `__metadata` block, one block per resolved
// package keyed by its descriptors, and `resolution` as `name@protocol:reference`. Workspaces
// are blocks too, so the lockfile itself says which dependencies are direct.
import { ParseError } from '../errors';
import { EMPTY_RANGE } from '../text';
import { npmMessages } from './npm-messages';
import { classifyNpmSpec, splitNameSpec } from './npm-source';
import { baseName, isObject, stringEntries } from './parse-input';
import { loadYamlDocuments } from './yaml-text';
import type { TextRange } from '../types';
import type { YarnDocument, YarnEntry, YarnProblem } from './yarn-entry';

/** True when `text` starts like a berry lockfile (its `__metadata` block comes first). */
export function isBerryLockText(text: string): boolean {
  return /^__metadata:/m.test(text.slice(0, 4096));
}

/**
 * Reads a yarn berry lockfile. Throws `ParseError` for invalid YAML or a document without
 * `__metadata`; blocks without a resolution or version become problems.
 */
export function readYarnBerry(text: string, path: string): YarnDocument {
  const documents = loadYamlDocuments(text, path);
  const data = documents.length === 1 ? documents[0] : undefined;
  if (!isObject(data) || !isObject(data.__metadata)) {
    const message = `${baseName(path)} is not a yarn berry lockfile: it has no __metadata block`;
    throw new ParseError(path, message);
  }

  const entries: YarnEntry[] = [];
  const problems: YarnProblem[] = [];
  const built = new Set<string>();
  for (const key of Object.keys(data)) {
    if (key === '__metadata') continue;
    const block = data[key];
    if (!isObject(block)) {
      problems.push({ key, message: npmMessages.entryNotObject(key) });
      continue;
    }
    const entry = toEntry(key, block);
    if (typeof entry === 'string') problems.push({ key, message: entry });
    else entries.push(entry);
    collectBuilt(block, entry, built);
  }

  let headers: Map<string, TextRange> | undefined;
  const locateKey = (key: string): TextRange => {
    headers ??= indexHeaders(text);
    return headers.get(key) ?? EMPTY_RANGE;
  };
  return { entries, problems, builtDescriptors: built, locateKey };
}

function toEntry(key: string, block: Record<string, unknown>): YarnEntry | string {
  const resolution = typeof block.resolution === 'string' ? block.resolution : '';
  const locator = splitNameSpec(resolution);
  if (locator === undefined) return npmMessages.entryWithoutName(key);
  const version = typeof block.version === 'number' ? String(block.version) : block.version;
  if (typeof version !== 'string' || version === '') return npmMessages.entryWithoutVersion(key);

  const source = classifyNpmSpec(locator.spec);
  const entry: YarnEntry = {
    key,
    descriptors: key.split(',').map((descriptor) => descriptor.trim()),
    name: locator.name,
    version,
    source,
    resolved: resolution,
    dependencies: [
      ...stringEntries(block.dependencies),
      ...stringEntries(block.optionalDependencies),
    ],
    isWorkspace: source === 'workspace',
  };
  if (typeof block.checksum === 'string') entry.integrity = block.checksum;
  if (typeof block.conditions === 'string') entry.platformSpecific = true;
  return entry;
}

// `dependenciesMeta.<name>.built` is only worth writing for a dependency with build scripts,
// whichever way it is set, so either value marks the dependency as having install scripts.
function collectBuilt(
  block: Record<string, unknown>,
  entry: YarnEntry | string,
  built: Set<string>,
): void {
  const meta = block.dependenciesMeta;
  if (typeof entry === 'string' || !isObject(meta)) return;
  for (const name of Object.keys(meta)) {
    const flags = meta[name];
    if (!isObject(flags) || typeof flags.built !== 'boolean') continue;
    const range = entry.dependencies.find(([dependency]) => dependency === name)?.[1];
    if (range !== undefined) built.add(`${name}@${range}`);
  }
}

// Header lines start in column 0 with the block key; js-yaml keeps no positions, so the
// lines are found once, on the first lookup. Ranges cover the key as written.
function indexHeaders(text: string): Map<string, TextRange> {
  const headers = new Map<string, TextRange>();
  const rows = text.split('\n');
  for (let line = 0; line < rows.length; line += 1) {
    const row = rows[line].endsWith('\r') ? rows[line].slice(0, -1) : rows[line];
    if (row === '' || row[0] === ' ' || row[0] === '#') continue;
    const header = readHeaderKey(row);
    if (header !== undefined && !headers.has(header.key)) {
      const end = { line, character: header.end };
      headers.set(header.key, { start: { line, character: 0 }, end });
    }
  }
  return headers;
}

function readHeaderKey(row: string): { key: string; end: number } | undefined {
  if (!row.startsWith('"')) {
    const colon = row.endsWith(':') ? row.length - 1 : row.indexOf(': ');
    return colon <= 0 ? undefined : { key: row.slice(0, colon), end: colon };
  }
  const quoted = /^"(?:[^"\\]|\\.)*"/.exec(row)?.[0];
  if (quoted === undefined || row[quoted.length] !== ':') return undefined;
  try {
    const value: unknown = JSON.parse(quoted);
    return typeof value === 'string' ? { key: value, end: quoted.length } : undefined;
  } catch (err) {
    // YAML escapes JSON does not know: such a header is not located (empty range).
    if (err instanceof SyntaxError) return undefined;
    throw err;
  }
}
