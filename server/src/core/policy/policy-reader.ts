// SPDX-License-Identifier: Apache-2.0
// Reading helpers over a jsonc-parser tree: typed access to values that reports every problem
// as a `policy-error` at the node that caused it.
import { LineIndex } from '../text';
import { loadMessages } from './messages';

import type { Node } from 'jsonc-parser';
import type { Finding, Severity, TextRange } from '../types';
import type { PolicyLayerName, Positioned } from './policy.types';

export interface PropertyNodes {
  key: Node;
  value: Node;
}

/** The span a problem is reported at: a tree node or a raw offset and length. */
export type Span = Pick<Node, 'offset' | 'length'>;

export class PolicyReader {
  readonly problems: Finding[] = [];
  private readonly lines: LineIndex;

  constructor(
    readonly text: string,
    readonly path: string,
    readonly layer: PolicyLayerName,
  ) {
    this.lines = new LineIndex(text);
  }

  range(span: Span): TextRange {
    return this.lines.rangeAt(span.offset, span.length);
  }

  report(span: Span, message: string, severity: Severity = 'error'): void {
    this.problems.push({
      code: 'policy-error',
      severity,
      message,
      file: this.path,
      range: this.range(span),
    });
  }

  /**
   * Properties of an object by name. A repeated name keeps its first value (and is reported);
   * names outside `known` are reported as warnings and left out.
   */
  properties(object: Node, known: readonly string[], where: string): Map<string, PropertyNodes> {
    const found = new Map<string, PropertyNodes>();
    for (const property of object.children ?? []) {
      const [key, value] = property.children ?? [];
      if (key === undefined || value === undefined || typeof key.value !== 'string') continue;
      const name = key.value;
      if (found.has(name)) {
        this.report(key, loadMessages.duplicateProperty(name));
      } else if (!known.includes(name)) {
        this.report(key, loadMessages.unknownProperty(name, where), 'warning');
      } else {
        found.set(name, { key, value });
      }
    }
    return found;
  }

  /** A string value; reports and returns undefined for another type or an empty string. */
  string(name: string, node: Node | undefined): string | undefined {
    if (node === undefined) return undefined;
    if (node.type !== 'string' || typeof node.value !== 'string') {
      this.report(node, loadMessages.wrongType(name, 'a string'));
      return undefined;
    }
    if (node.value.trim() === '') {
      this.report(node, loadMessages.emptyString(name));
      return undefined;
    }
    return node.value;
  }

  oneOf<T extends string>(
    name: string,
    node: Node | undefined,
    allowed: readonly T[],
  ): Positioned<T> | undefined {
    if (node === undefined) return undefined;
    const value: unknown = node.value;
    const match = allowed.find((candidate) => candidate === value);
    if (node.type !== 'string' || match === undefined) {
      this.report(node, loadMessages.notInEnum(name, allowed));
      return undefined;
    }
    return { value: match, range: this.range(node) };
  }

  boolean(name: string, node: Node | undefined): Positioned<boolean> | undefined {
    if (node === undefined) return undefined;
    if (node.type !== 'boolean' || typeof node.value !== 'boolean') {
      this.report(node, loadMessages.wrongType(name, 'true or false'));
      return undefined;
    }
    return { value: node.value, range: this.range(node) };
  }

  /** True for an object node; otherwise reports it. */
  isObject(name: string, node: Node): boolean {
    if (node.type === 'object') return true;
    this.report(node, loadMessages.wrongType(name, 'an object'));
    return false;
  }

  /** Elements of an array node; reports and returns [] for another type. */
  array(name: string, node: Node | undefined): Node[] {
    if (node === undefined) return [];
    if (node.type !== 'array') {
      this.report(node, loadMessages.wrongType(name, 'an array'));
      return [];
    }
    return node.children ?? [];
  }
}
