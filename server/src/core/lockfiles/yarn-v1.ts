// SPDX-License-Identifier: Apache-2.0
// Yarn classic (v1) lockfiles. The format is yarn's own indentation syntax, not YAML: a header
// line of comma-separated descriptors ending in `:`, then two-space `key value` fields and
// four-space `name range` lines under `dependencies:` and `optionalDependencies:`.
import { ParseError } from '../errors';
import { LineIndex } from '../text';
import { npmMessages } from './npm-messages';
import { classifyNpmSpec, splitNameSpec, splitNpmAlias } from './npm-source';
import { baseName, checkInputSize } from './parse-input';
import { headerRange } from './yarn-entry';
import type { YarnDocument, YarnEntry, YarnProblem } from './yarn-entry';

const DEPENDENCY_SECTIONS = new Set(['dependencies', 'optionalDependencies']);

class SyntaxProblem extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(reason);
  }
}

interface Block {
  line: number;
  descriptors: string[];
  fields: Map<string, string>;
  dependencies: Array<[string, string]>;
}

/**
 * Reads a yarn v1 lockfile. Throws `ParseError` with line and column (1-based) when a line
 * breaks the syntax (a header without a colon, an unterminated string, a field outside a
 * block); blocks without a version become problems.
 */
export function readYarnV1(text: string, path: string): YarnDocument {
  checkInputSize(text, path);
  let blocks: Block[];
  try {
    blocks = readBlocks(text);
  } catch (err) {
    if (!(err instanceof SyntaxProblem)) throw err;
    const where = `line ${err.line + 1}, column ${err.column + 1}`;
    const message = `${baseName(path)} is not a valid yarn lockfile: ${err.reason} at ${where}`;
    throw new ParseError(path, message, err);
  }

  const entries: YarnEntry[] = [];
  const problems: YarnProblem[] = [];
  for (const block of blocks) {
    const key = String(block.line);
    const version = block.fields.get('version');
    if (version === undefined || version === '') {
      const label = block.descriptors.join(', ');
      problems.push({ key, message: npmMessages.entryWithoutVersion(label) });
    } else {
      entries.push(toEntry(key, block, version));
    }
  }

  const lines = new LineIndex(text);
  return {
    entries,
    problems,
    builtDescriptors: new Set(),
    locateKey: (key) => headerRange(lines, Number(key)),
  };
}

function toEntry(key: string, block: Block, version: string): YarnEntry {
  const head = block.descriptors[0] ?? '';
  const first = splitNameSpec(head) ?? { name: head, spec: '' };
  const alias = splitNpmAlias(first.spec);
  const resolved = block.fields.get('resolved');
  const entry: YarnEntry = {
    key,
    descriptors: block.descriptors,
    name: alias ? alias.name : first.name,
    version,
    source: classifyNpmSpec(resolved ?? first.spec),
    dependencies: block.dependencies,
    isWorkspace: false,
  };
  if (resolved !== undefined) entry.resolved = resolved;
  const integrity = block.fields.get('integrity') ?? sha1Fragment(resolved);
  if (integrity !== undefined) entry.integrity = integrity;
  return entry;
}

// Older yarn v1 files carry no integrity line; the `#<sha1>` fragment of `resolved` is the
// tarball's SHA-1, which yarn checks on install.
function sha1Fragment(resolved: string | undefined): string | undefined {
  const match = resolved === undefined ? null : /#([0-9a-f]{40})$/i.exec(resolved);
  if (match === null || classifyNpmSpec(resolved ?? '') === 'git') return undefined;
  return `sha1:${match[1].toLowerCase()}`;
}

function readBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const rows = text.split('\n');
  let block: Block | undefined;
  let section: string | undefined;
  for (let line = 0; line < rows.length; line += 1) {
    const raw = rows[line];
    const row = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const indent = row.length - row.trimStart().length;
    if (indent === row.length || row[indent] === '#') continue;

    if (indent === 0) {
      if (!row.endsWith(':')) throw new SyntaxProblem("expected a header ending in ':'", line, 0);
      const descriptors = readHeader(row.slice(0, -1), line);
      block = { line, descriptors, fields: new Map(), dependencies: [] };
      blocks.push(block);
      section = undefined;
      continue;
    }
    if (block === undefined) throw new SyntaxProblem('indented line outside a block', line, indent);

    const [key, value] = readPair(row, indent, line);
    if (indent <= 2) {
      section = value === undefined ? key : undefined;
      if (value !== undefined) block.fields.set(key, value);
    } else if (section !== undefined && DEPENDENCY_SECTIONS.has(section) && value !== undefined) {
      block.dependencies.push([key, value]);
    }
  }
  return blocks;
}

function readHeader(body: string, line: number): string[] {
  const descriptors: string[] = [];
  let at = 0;
  while (at < body.length) {
    while (body[at] === ' ') at += 1;
    const token = readToken(body, at, line, ',');
    descriptors.push(token.text);
    at = token.end;
    while (body[at] === ' ') at += 1;
    if (at < body.length && body[at] !== ',') throw new SyntaxProblem("expected ','", line, at);
    at += 1;
  }
  return descriptors;
}

// `key value`, `"key" "value"` or `key:` (a nested section); values keep yarn's unquoting.
function readPair(row: string, indent: number, line: number): [string, string | undefined] {
  const key = readToken(row, indent, line, ' :');
  if (row[key.end] === ':' && row.slice(key.end + 1).trim() === '') return [key.text, undefined];
  let at = key.end;
  while (row[at] === ' ') at += 1;
  if (at >= row.length) throw new SyntaxProblem('expected a value', line, at);
  return [key.text, readToken(row, at, line, '').text];
}

function readToken(
  row: string,
  start: number,
  line: number,
  stops: string,
): { text: string; end: number } {
  if (row[start] !== '"') {
    let end = start;
    while (end < row.length && !stops.includes(row[end])) end += 1;
    return { text: row.slice(start, end).trimEnd(), end };
  }
  let end = start + 1;
  while (end < row.length && row[end] !== '"') end += row[end] === '\\' ? 2 : 1;
  if (end >= row.length) throw new SyntaxProblem('unterminated string', line, start);
  const quoted = row.slice(start, end + 1);
  const text = quoted.includes('\\') ? parseQuoted(quoted, line, start) : quoted.slice(1, -1);
  return { text, end: end + 1 };
}

function parseQuoted(quoted: string, line: number, column: number): string {
  try {
    return String(JSON.parse(quoted));
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    throw new SyntaxProblem('invalid escape in string', line, column);
  }
}
