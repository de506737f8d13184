// SPDX-License-Identifier: Apache-2.0
// The `rules` and `exceptions` arrays of a policy file. A wrong element is reported and left
// out; the rest of the file stays usable.
import { versionSchemeFor } from '../versions/registry';
import { parsePurlGlob } from './match';
import { loadMessages } from './messages';

import type { Node } from 'jsonc-parser';
import type { PolicyReader, PropertyNodes } from './policy-reader';
import type { PolicyException, Rule, RuleAction } from './policy.types';
import type { PurlGlob } from './match';

const RULE_KEYS = ['id', 'action', 'package', 'versions', 'reason'];
const EXCEPTION_KEYS = ['rule', 'package', 'reason', 'expires', 'approvedBy'];
const ACTIONS: readonly RuleAction[] = ['allow', 'deny', 'quarantine'];

/** Value node of a required property; reports the element when it is missing. */
function requiredNode(
  reader: PolicyReader,
  props: Map<string, PropertyNodes>,
  element: Node,
  what: string,
  name: string,
): Node | undefined {
  const found = props.get(name);
  if (found === undefined) reader.report(element, loadMessages.missingProperty(what, name));
  return found?.value;
}

/** A purl glob value; reports text that is not one. */
function purlGlob(reader: PolicyReader, node: Node | undefined): PurlGlob | undefined {
  const text = reader.string('package', node);
  if (node === undefined || text === undefined) return undefined;
  const glob = parsePurlGlob(text);
  if (glob === undefined) reader.report(node, loadMessages.invalidPurlGlob(text));
  return glob;
}

function readRule(reader: PolicyReader, element: Node, ids: Set<string>): Rule | undefined {
  if (element.type !== 'object') {
    reader.report(element, loadMessages.notAnObject('rule'));
    return undefined;
  }
  const props = reader.properties(element, RULE_KEYS, 'a rule');
  const idNode = requiredNode(reader, props, element, 'rule', 'id');
  const id = reader.string('id', idNode);
  const actionNode = requiredNode(reader, props, element, 'rule', 'action');
  const action = reader.oneOf('action', actionNode, ACTIONS);
  const packageNode = requiredNode(reader, props, element, 'rule', 'package');
  const glob = purlGlob(reader, packageNode);
  const versionsNode = props.get('versions')?.value;
  const versions = reader.string('versions', versionsNode);
  const reasonNode = props.get('reason')?.value;
  const reason = reader.string('reason', reasonNode);

  let valid = id !== undefined && action !== undefined && glob !== undefined;
  if (packageNode && glob?.version !== undefined) {
    reader.report(packageNode, loadMessages.versionInRulePackage(String(packageNode.value)));
    valid = false;
  }
  if (versionsNode && glob && versions !== undefined) {
    if (!versionSchemeFor(glob.ecosystem).isValidRange(versions)) {
      reader.report(versionsNode, loadMessages.invalidRange(versions, glob.ecosystem));
      valid = false;
    }
  }
  if (versionsNode && versions === undefined) valid = false;
  if (reasonNode && reason === undefined) valid = false;
  if (idNode && id !== undefined && ids.has(id)) {
    reader.report(idNode, loadMessages.duplicateRuleId(id));
    return undefined;
  }
  if (id !== undefined) ids.add(id);
  if (!valid || id === undefined || action === undefined || glob === undefined) return undefined;

  const rule: Rule = {
    id,
    action: action.value,
    package: String(packageNode?.value),
    layer: reader.layer,
    path: reader.path,
    range: reader.range(element),
  };
  if (versions !== undefined) rule.versions = versions;
  if (reason !== undefined) rule.reason = reason;
  return rule;
}

/** Rules of one file, in file order; a repeated id keeps the first rule. */
export function readRules(reader: PolicyReader, node: Node | undefined): Rule[] {
  const ids = new Set<string>();
  const rules: Rule[] = [];
  for (const element of reader.array('rules', node)) {
    const rule = readRule(reader, element, ids);
    if (rule) rules.push(rule);
  }
  return rules;
}

/** True for a real calendar day written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function readException(reader: PolicyReader, element: Node): PolicyException | undefined {
  if (element.type !== 'object') {
    reader.report(element, loadMessages.notAnObject('exception'));
    return undefined;
  }
  const props = reader.properties(element, EXCEPTION_KEYS, 'an exception');
  const rule = reader.string('rule', requiredNode(reader, props, element, 'exception', 'rule'));
  const packageNode = requiredNode(reader, props, element, 'exception', 'package');
  const glob = purlGlob(reader, packageNode);
  const reason = reader.string(
    'reason',
    requiredNode(reader, props, element, 'exception', 'reason'),
  );
  const expiresNode = requiredNode(reader, props, element, 'exception', 'expires');
  const expires = reader.string('expires', expiresNode);
  const approvedByNode = props.get('approvedBy')?.value;
  const approvedBy = reader.string('approvedBy', approvedByNode);

  let valid = rule !== undefined && glob !== undefined && reason !== undefined;
  if (expiresNode && expires !== undefined && !isIsoDate(expires)) {
    reader.report(expiresNode, loadMessages.invalidDate(expires));
    valid = false;
  }
  if (packageNode && glob?.version !== undefined) {
    if (!versionSchemeFor(glob.ecosystem).isExact(glob.version)) {
      const message = loadMessages.invalidExceptionVersion(glob.version, glob.ecosystem);
      reader.report(packageNode, message);
      valid = false;
    }
  }
  if (approvedByNode && approvedBy === undefined) valid = false;
  if (!valid || rule === undefined || reason === undefined || expires === undefined) {
    return undefined;
  }

  const exception: PolicyException = {
    rule,
    package: String(packageNode?.value),
    reason,
    expires,
    layer: reader.layer,
    path: reader.path,
    range: reader.range(element),
  };
  if (approvedBy !== undefined) exception.approvedBy = approvedBy;
  return exception;
}

export function readExceptions(reader: PolicyReader, node: Node | undefined): PolicyException[] {
  const exceptions: PolicyException[] = [];
  for (const element of reader.array('exceptions', node)) {
    const exception = readException(reader, element);
    if (exception) exceptions.push(exception);
  }
  return exceptions;
}
