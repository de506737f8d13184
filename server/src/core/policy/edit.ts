// SPDX-License-Identifier: Apache-2.0
// The quick fix "add a project exception": an edit that appends to the `exceptions` array of
// the project policy and keeps the user's comments and layout around it.
import { modify, parseTree } from 'jsonc-parser';

import { PolicyError } from '../errors';

import type { FormattingOptions } from 'jsonc-parser';

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
  const existing = root.children?.find((property) => property.children?.[0]?.value === 'exceptions');
  const formattingOptions: FormattingOptions = {
    insertSpaces: true,
    tabSize: 2,
    eol: policyText.includes('\r\n') ? '\r\n' : '\n',
  };
  if (existing === undefined) {
    return { edits: modify(policyText, ['exceptions'], [value], { formattingOptions }) };
  }
  if (existing.children?.[1]?.type !== 'array') {
    throw new PolicyError('POLICY_INVALID', 'policy "exceptions" is not an array');
  }
  const edits = modify(policyText, ['exceptions', -1], value, {
    formattingOptions,
    isArrayInsertion: true,
  });
  return { edits };
}
