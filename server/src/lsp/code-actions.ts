// SPDX-License-Identifier: Apache-2.0
// Quick fixes, answered from the data stored with each diagnostic: add a justified exception
// to the project policy, or remove the dependency from package.json.
import { modify, parse } from 'jsonc-parser';
import { CodeActionKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';

import { manifestPathFor } from '../core/analyze';
import { addExceptionEdit } from '../core/policy/edit';
import { isDiagnosticData } from './diagnostics';

import type {
  CodeAction,
  CodeActionParams,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { SscsServer } from './server';

const DEPENDENCY_SECTIONS = [
  'dependencies',
  'devDependencies',
  'optionalDependencies',
  'peerDependencies',
];
const EXCEPTION_DAYS = 30;
/** Written as the exception's reason, for the user to replace with the justification. */
export const REASON_PLACEHOLDER = 'Explain why this exception is safe.';
const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };

export async function provideCodeActions(
  server: SscsServer,
  params: CodeActionParams,
): Promise<CodeAction[]> {
  try {
    const path = URI.parse(params.textDocument.uri).fsPath;
    const actions: CodeAction[] = [];
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== 'sscs' || !isDiagnosticData(diagnostic.data)) continue;
      const { fix, package: pkg } = diagnostic.data;
      if (fix?.exceptionRule && pkg) {
        const action = await exceptionAction(server, path, fix.exceptionRule, pkg.purl, pkg.name);
        if (action) actions.push({ ...action, diagnostics: [diagnostic] });
      }
      if (pkg) {
        const action = await removeAction(server, manifestPathFor(path), pkg.name);
        if (action) actions.push({ ...action, diagnostics: [diagnostic] });
      }
    }
    return actions;
  } catch (err) {
    server.logError('computing code actions failed', err);
    return [];
  }
}

async function exceptionAction(
  server: SscsServer,
  path: string,
  rule: string,
  purl: string,
  name: string,
): Promise<CodeAction | undefined> {
  const root = server.rootFor(path);
  const set = await server.policies.get(root);
  // SPEC.md section 2: project exceptions count only where the organization allows them.
  const allowed =
    !set.organization || set.organization.policy?.allowProjectExceptions?.value === true;
  if (!allowed || !server.trusted) return undefined;

  const policyPath = server.policies.projectPolicyPath(root);
  const uri = URI.file(policyPath).toString();
  const text = await server.source.read(policyPath);
  const expires = new Date(Date.now() + EXCEPTION_DAYS * 86_400_000).toISOString().slice(0, 10);
  const result = addExceptionEdit(text, {
    rule,
    package: purl,
    reason: REASON_PLACEHOLDER,
    expires,
  });

  let edit: WorkspaceEdit;
  if ('text' in result) {
    edit = {
      documentChanges: [
        { kind: 'create', uri, options: { ignoreIfExists: true } },
        { textDocument: { uri, version: null }, edits: [insertAtStart(result.text)] },
      ],
    };
  } else {
    const doc = TextDocument.create(uri, 'jsonc', 0, text ?? '');
    edit = { changes: { [uri]: result.edits.map((e) => toTextEdit(doc, e)) } };
  }
  const action: CodeAction = {
    title: `Add a project exception for ${name} (${rule}), expiring ${expires}`,
    kind: CodeActionKind.QuickFix,
    edit,
  };
  // The sscs client then selects the placeholder reason so the justification is typed next.
  if (server.clientCommands) {
    action.command = {
      title: 'Justify the exception',
      command: 'sscs.justifyException',
      arguments: [uri, REASON_PLACEHOLDER],
    };
  }
  return action;
}

async function removeAction(
  server: SscsServer,
  manifestPath: string,
  name: string,
): Promise<CodeAction | undefined> {
  const text = await server.source.read(manifestPath);
  if (text === undefined) return undefined;
  const manifest: unknown = parse(text);
  if (typeof manifest !== 'object' || manifest === null) return undefined;

  const uri = URI.file(manifestPath).toString();
  const doc = TextDocument.create(uri, 'json', 0, text);
  const edits: TextEdit[] = [];
  for (const section of DEPENDENCY_SECTIONS) {
    const deps = (manifest as Record<string, unknown>)[section];
    if (typeof deps !== 'object' || deps === null || !(name in deps)) continue;
    edits.push(...modify(text, [section, name], undefined, FORMAT).map((e) => toTextEdit(doc, e)));
  }
  if (edits.length === 0) return undefined;
  // Limit: a package listed in several sections of one manifest is removed from the first
  // section only; the finding stays until the other entries go too.
  return {
    title: `Remove ${name} from package.json`,
    kind: CodeActionKind.QuickFix,
    edit: { changes: { [uri]: edits.slice(0, 1) } },
  };
}

function toTextEdit(
  doc: TextDocument,
  edit: { offset: number; length: number; content: string },
): TextEdit {
  return {
    range: { start: doc.positionAt(edit.offset), end: doc.positionAt(edit.offset + edit.length) },
    newText: edit.content,
  };
}

function insertAtStart(text: string): TextEdit {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    newText: text,
  };
}
