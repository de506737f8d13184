// SPDX-License-Identifier: Apache-2.0
// The quick fix "add a project exception": an edit that appends to the `exceptions` array of
// the project policy and keeps the user's comments and layout around it.
import { modify, parseTree } from 'jsonc-parser';

import { PolicyError } from '../errors';

import type { FormattingOptions, Node } from 'jsonc-parser';

export interface ExceptionDraft {
  rule: string;
  package: string;
  reason: string;
  expires: string;
  approvedBy?: string;
}

export interface TextEdit {
  offset: number;
  length: number;
  content: string;
}

export type PolicyEdit = { text: string } | { edits: TextEdit[] };

function exceptionValue(exception: ExceptionDraft): Record<string, string> {
  const value: Record<string, string> = {
    rule: exception.rule,
    package: exception.package,
    reason: exception.reason,
    expires: exception.expires,
  };
  if (exception.approvedBy !== undefined) value.approvedBy = exception.approvedBy;
  return value;
}

/**
 * Edits that add `value` after the array's last element, on its own line at the same indent.
 * jsonc-parser's `modify` would re-lay-out the previous element too; this leaves every byte the
 * user wrote in place, a trailing comma or line comment included. Undefined when the last
 * element shares its line with other text (such as a one-line array).
 */
function appendAfter(
  text: string,
  last: Node,
  value: unknown,
  eol: string,
): TextEdit[] | undefined {
  const lineStart = text.lastIndexOf('\n', last.offset - 1) + 1;
  const indent = text.slice(lineStart, last.offset);
  if (!/^[ \t]*$/.test(indent)) return undefined;

  const element = JSON.stringify(value, null, 2).replace(/\n/g, `${eol}${indent}`);
  const end = last.offset + last.length;
  const tail = /^[ \t]*(,)?[ \t]*(\/\/[^\r\n]*)?/.exec(text.slice(end, end + 1000));
  const tailLength = tail?.[0].length ?? 0;
  if (tail?.[1] !== undefined) {
    return [{ offset: end + tailLength, length: 0, content: `${eol}${indent}${element},` }];
  }
  const added = `${eol}${indent}${element}`;
  if (tailLength === 0) return [{ offset: end, length: 0, content: `,${added}` }];
  return [
    { offset: end, length: 0, content: ',' },
    { offset: end + tailLength, length: 0, content: added },
  ];
}

/**
 * Adds an exception to a project policy. Without a policy file (or with an empty one) returns
 * the whole new file; otherwise the edits to apply to `policyText`. Throws `PolicyError`
 * (`POLICY_INVALID`) when the text is not a JSON object, or its `exceptions` is not an array:
 * editing it blindly could destroy what the user wrote.
 */
export function addExceptionEdit(
  policyText: string | undefined,
  exception: ExceptionDraft,
): PolicyEdit {
  const value = exceptionValue(exception);
  if (policyText === undefined || policyText.trim() === '') {
    const text = JSON.stringify({ version: 1, exceptions: [value] }, null, 2);
    return { text: `${text}\n` };
  }

  const root = parseTree(policyText, [], { allowTrailingComma: true });
  if (root?.type !== 'object') {
    throw new PolicyError('POLICY_INVALID', 'policy text is not a JSON object');
  }
  const existing = root.children?.find(
    (property) => property.children?.[0]?.value === 'exceptions',
  );
  const formattingOptions: FormattingOptions = {
    insertSpaces: true,
    tabSize: 2,
    eol: policyText.includes('\r\n') ? '\r\n' : '\n',
  };
  if (existing === undefined) {
    return { edits: modify(policyText, ['exceptions'], [value], { formattingOptions }) };
  }
  const array = existing.children?.[1];
  if (array?.type !== 'array') {
    throw new PolicyError('POLICY_INVALID', 'policy "exceptions" is not an array');
  }
  const last = array.children?.at(-1);
  const appended = last && appendAfter(policyText, last, value, formattingOptions.eol ?? '\n');
  if (appended) return { edits: appended };
  const edits = modify(policyText, ['exceptions', -1], value, {
    formattingOptions,
    isArrayInsertion: true,
  });
  return { edits };
}
