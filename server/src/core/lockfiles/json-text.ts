// SPDX-License-Identifier: Apache-2.0
// JSON input for the npm-family parsers. Values come from JSON.parse (the fast path); positions
// come from a jsonc-parser tree built only when a range is first asked for.
import { findNodeAtLocation, parse, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { JSONPath, Node, ParseError as JsoncError } from 'jsonc-parser';

import { ParseError } from '../errors';
import { LineIndex } from '../text';
import { baseName, checkInputSize } from './parse-input';
import type { TextRange } from '../types';

/**
 * Parses `text` with JSON.parse. Throws `ParseError` naming the file, the problem and its
 * line and column (1-based) when the text is not JSON, and `INPUT_TOO_LARGE` above 64 MiB.
 */
export function parseJsonText(text: string, path: string): unknown {
  checkInputSize(text, path);
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = `${baseName(path)} is not valid JSON: ${describeJsonError(text, err)}`;
    throw new ParseError(path, message, err);
  }
}

// JSON.parse messages differ across Node versions and often carry no position, so the
// position comes from a strict jsonc-parser pass over the same text.
function describeJsonError(text: string, err: unknown): string {
  const errors: JsoncError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (first === undefined) return err instanceof Error ? err.message : String(err);

  const atEnd = first.offset >= text.trimEnd().length;
  const problem = atEnd ? 'unexpected end of input' : words(printParseErrorCode(first.error));
  const where = new LineIndex(text).positionAt(first.offset);
  return `${problem} at line ${where.line + 1}, column ${where.character + 1}`;
}

function words(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Lazy positions inside one JSON text. Nothing is computed until the first lookup. */
export class JsonLocator {
  readonly lines: LineIndex;
  private tree: Node | undefined;

  constructor(readonly text: string) {
    this.lines = new LineIndex(text);
  }

  private root(): Node | undefined {
    this.tree ??= parseTree(this.text);
    return this.tree;
  }

  /** Range of the property key (with its quotes) at `path`, if the path exists. */
  keyRange(path: JSONPath): TextRange | undefined {
    const key = this.property(path)?.children?.[0];
    return key ? this.lines.rangeAt(key.offset, key.length) : undefined;
  }

  /** Range of the whole `"key": value` property at `path`, if the path exists. */
  propertyRange(path: JSONPath): TextRange | undefined {
    const property = this.property(path);
    return property ? this.lines.rangeAt(property.offset, property.length) : undefined;
  }

  private property(path: JSONPath): Node | undefined {
    const root = this.root();
    if (root === undefined || path.length === 0) return undefined;
    const parent = findNodeAtLocation(root, path.slice(0, -1));
    const name = path[path.length - 1];
    if (parent?.type !== 'object' || typeof name !== 'string') return undefined;
    // Duplicate keys: JSON.parse keeps the last one, so the range does too.
    let found: Node | undefined;
    for (const child of parent.children ?? []) {
      if (child.children?.[0]?.value === name) found = child;
    }
    return found;
  }
}

/** Where a quoted key is written: offset of its opening quote and length with both quotes. */
export interface KeySpan {
  offset: number;
  length: number;
}

/**
 * Spans of the keys of one pretty-printed JSON object, found line by line from `start`:
 * the first key sets the indentation, and a key indented less ends the object. One regex pass
 * instead of a full tree; minified text yields an empty map and callers fall back to the tree.
 */
export function indexKeysByIndent(text: string, start: number): Map<string, KeySpan> {
  const keys = new Map<string, KeySpan>();
  const pattern = /^([ \t]*)"((?:[^"\\\n]|\\.)*)":/gm;
  pattern.lastIndex = start;
  let indent = -1;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const width = match[1].length;
    if (indent === -1) indent = width;
    if (width < indent) break;
    if (width > indent) continue;
    const key = match[2].includes('\\') ? unescapeJson(match[2]) : match[2];
    if (key !== undefined && !keys.has(key)) {
      keys.set(key, { offset: match.index + width, length: match[2].length + 2 });
    }
  }
  return keys;
}

function unescapeJson(raw: string): string | undefined {
  try {
    const value: unknown = JSON.parse(`"${raw}"`);
    return typeof value === 'string' ? value : undefined;
  } catch (err) {
    // An escape JSON.parse rejects cannot be in a file that parsed; skip the key.
    if (err instanceof SyntaxError) return undefined;
    throw err;
  }
}
