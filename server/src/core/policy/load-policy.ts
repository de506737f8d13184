// SPDX-License-Identifier: Apache-2.0
// Reads one policy file (SPEC.md section 2) into a PolicyDocument. Validation is written out by
// hand rather than with a schema validator so that each problem lands on the exact node and
// a wrong element costs only that element.
import { parseTree, printParseErrorCode } from 'jsonc-parser';

import { stripBom } from '../text';
import { readExceptions, readRules } from './load-rules';
import { readVerify } from './load-verify';
import { ECOSYSTEMS, isEcosystem } from './match';
import { loadMessages } from './messages';
import { PolicyReader } from './policy-reader';

import type { Node, ParseError as JsonParseError } from 'jsonc-parser';
import type { Ecosystem } from '../types';
import type {
  DefaultAction,
  LoadedPolicy,
  PolicyDocument,
  PolicyLayerName,
  PolicyMode,
  RegistryEntry,
} from './policy.types';

const TOP_LEVEL_KEYS = [
  '$schema',
  'version',
  'mode',
  'defaultAction',
  'registries',
  'internalPackages',
  'rules',
  'exceptions',
  'allowProjectExceptions',
  'minimumReleaseAge',
  'verify',
];
const MODES: readonly PolicyMode[] = ['enforced', 'advisory'];
const DEFAULT_ACTIONS: readonly DefaultAction[] = ['allow', 'deny'];

/** Human wording for jsonc-parser's error codes, e.g. `CommaExpected` -> `comma expected`. */
function describeSyntaxError(error: JsonParseError): string {
  return printParseErrorCode(error.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

/** Lists per ecosystem, such as `registries` and `internalPackages`. */
function readEcosystemLists<T>(
  reader: PolicyReader,
  name: string,
  node: Node | undefined,
  readItem: (item: Node) => T | undefined,
): Partial<Record<Ecosystem, T[]>> {
  const lists: Partial<Record<Ecosystem, T[]>> = {};
  if (node === undefined || !reader.isObject(name, node)) return lists;
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (key === undefined || value === undefined) continue;
    const ecosystem = String(key.value);
    if (!isEcosystem(ecosystem)) {
      reader.report(key, loadMessages.unknownEcosystem(ecosystem, ECOSYSTEMS));
      continue;
    }
    const items: T[] = [];
    for (const element of reader.array(`${name}.${ecosystem}`, value)) {
      const item = readItem(element);
      if (item !== undefined) items.push(item);
    }
    lists[ecosystem] = [...(lists[ecosystem] ?? []), ...items];
  }
  return lists;
}

// Registries must be https: a lockfile URL is trusted by prefix, so plain http would let a
// network attacker serve the "trusted" registry.
function readRegistry(reader: PolicyReader, node: Node): RegistryEntry | undefined {
  const text = reader.string('registries', node);
  if (text === undefined) return undefined;
  if (!URL.canParse(text) || new URL(text).protocol !== 'https:') {
    reader.report(node, loadMessages.registryNotHttps(text));
    return undefined;
  }
  return { value: text, range: reader.range(node) };
}

function readNameGlob(reader: PolicyReader, node: Node): string | undefined {
  const text = reader.string('internalPackages', node);
  if (text !== undefined && /\s/.test(text)) {
    reader.report(node, loadMessages.wrongType('internalPackages', 'package names or globs'));
    return undefined;
  }
  return text;
}

function readDocument(reader: PolicyReader): PolicyDocument | undefined {
  const errors: JsonParseError[] = [];
  const root = parseTree(reader.text, errors, { allowTrailingComma: true });
  if (root === undefined) {
    reader.report({ offset: 0, length: 0 }, loadMessages.empty());
    return undefined;
  }
  if (errors.length > 0) {
    for (const error of errors) {
      reader.report(error, loadMessages.syntax(describeSyntaxError(error)));
    }
    return undefined;
  }
  if (root.type !== 'object') {
    reader.report(root, loadMessages.notObject());
    return undefined;
  }

  const props = reader.properties(root, TOP_LEVEL_KEYS, 'the policy');
  const version = props.get('version')?.value;
  if (version === undefined) {
    reader.report({ offset: root.offset, length: 1 }, loadMessages.versionMissing());
    return undefined;
  }
  if (version.type !== 'number' || version.value !== 1) {
    const written = reader.text.slice(version.offset, version.offset + version.length);
    reader.report(version, loadMessages.versionUnsupported(written));
    return undefined;
  }

  const document: PolicyDocument = {
    version: 1,
    registries: readEcosystemLists(reader, 'registries', props.get('registries')?.value, (node) =>
      readRegistry(reader, node),
    ),
    internalPackages: readEcosystemLists(
      reader,
      'internalPackages',
      props.get('internalPackages')?.value,
      (node) => readNameGlob(reader, node),
    ),
    rules: readRules(reader, props.get('rules')?.value),
    exceptions: readExceptions(reader, props.get('exceptions')?.value),
  };
  // A mistyped mode or defaultAction makes the file unusable instead of falling back to the
  // permissive value: a firewall must fail closed.
  const modeNode = props.get('mode')?.value;
  const mode = reader.oneOf('mode', modeNode, MODES);
  if (modeNode && !mode) return undefined;
  if (mode) document.mode = mode;
  const defaultNode = props.get('defaultAction')?.value;
  const defaultAction = reader.oneOf('defaultAction', defaultNode, DEFAULT_ACTIONS);
  if (defaultNode && !defaultAction) return undefined;
  if (defaultAction) document.defaultAction = defaultAction;
  readLayerOptions(reader, props.get('allowProjectExceptions'), document);
  const age = props.get('minimumReleaseAge')?.value;
  if (age !== undefined) {
    if (age.type === 'number' && typeof age.value === 'number' && age.value >= 0) {
      document.minimumReleaseAge = { value: age.value, range: reader.range(age) };
    } else {
      reader.report(age, loadMessages.negativeDays());
    }
  }
  const verify = props.get('verify')?.value;
  if (verify !== undefined) document.verify = readVerify(reader, verify);
  reader.string('$schema', props.get('$schema')?.value);
  return document;
}

// allowProjectExceptions would let a project lift organization rules; only the organization
// may grant that, so a project file saying it is reported and ignored.
function readLayerOptions(
  reader: PolicyReader,
  property: { key: Node; value: Node } | undefined,
  document: PolicyDocument,
): void {
  if (property === undefined) return;
  if (reader.layer !== 'organization') {
    reader.report(property.key, loadMessages.orgOnlyProperty('allowProjectExceptions'));
    return;
  }
  const allow = reader.boolean('allowProjectExceptions', property.value);
  if (allow) document.allowProjectExceptions = allow;
}

/**
 * Reads a policy file. Never throws on content: every problem is a `policy-error` finding in
 * `problems`, and `policy` is undefined when the file is unusable as a whole.
 */
export function loadPolicyText(text: string, path: string, layer: PolicyLayerName): LoadedPolicy {
  const reader = new PolicyReader(stripBom(text), path, layer);
  const policy = readDocument(reader);
  const loaded: LoadedPolicy = { layer, path, text, problems: reader.problems };
  if (policy) loaded.policy = policy;
  return loaded;
}
