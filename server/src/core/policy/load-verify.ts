// SPDX-License-Identifier: Apache-2.0
// The `verify` array of a policy file: artifacts that must carry a Sigstore signature or
// attestation. A wrong entry is reported and left out; since the report is an error, a broken
// requirement still fails the check instead of silently letting unsigned files through.
import { loadMessages } from './messages';

import type { Node } from 'jsonc-parser';
import type { PolicyReader, PropertyNodes } from './policy-reader';
import type { VerifyRequirement } from './policy.types';

/** Where the bundle of `dist/app.tgz` is looked for unless an entry says otherwise. */
export const DEFAULT_BUNDLE_TEMPLATE = '{file}.sigstore.json';
/** The same for attestations (entries with a predicate type), as `sscs attest` writes them. */
export const DEFAULT_ATTESTATION_TEMPLATE = '{file}.intoto.sigstore.json';

const VERIFY_KEYS = [
  'id',
  'files',
  'bundle',
  'key',
  'certificateIdentity',
  'certificateIdentityRegexp',
  'certificateOidcIssuer',
  'trustedRoot',
  'predicateType',
];

/** Strings of an entry by property name, each undefined when absent or reported. */
type EntryStrings = Partial<Record<(typeof VERIFY_KEYS)[number], string>>;

// Globs and bundle templates name files of the project; an absolute path or `..` would reach
// outside what the check (and, under --staged, the git index) can read.
function isProjectRelative(text: string): boolean {
  if (text.startsWith('/') || /^[a-zA-Z]:/.test(text) || text.includes('\\')) return false;
  return !text.split('/').includes('..');
}

function isAbsolutePath(text: string): boolean {
  return text.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(text);
}

// A policy fetched by URL has no folder for a relative key path to be taken from; taking it
// from the project would let the project choose the organization's trusted key.
function checkOrganizationPath(
  reader: PolicyReader,
  name: string,
  node: Node | undefined,
): boolean {
  const text = node?.value;
  if (node === undefined || typeof text !== 'string' || isAbsolutePath(text)) return true;
  if (reader.layer !== 'organization' || !/^https?:\/\//i.test(reader.path)) return true;
  reader.report(node, loadMessages.verifyPathNeedsAbsolute(name));
  return false;
}

function readStrings(
  reader: PolicyReader,
  props: Map<string, PropertyNodes>,
): { values: EntryStrings; valid: boolean } {
  const values: EntryStrings = {};
  let valid = true;
  for (const name of VERIFY_KEYS) {
    const node = props.get(name)?.value;
    if (node === undefined) continue;
    const text = reader.string(name, node);
    if (text === undefined) valid = false;
    else values[name] = text;
  }
  return { values, valid };
}

// Either a key, or a certificate identity (exact or pattern) together with its issuer:
// an identity without an issuer would accept the same e-mail address from any OIDC provider.
function checkSigner(
  reader: PolicyReader,
  element: Node,
  props: Map<string, PropertyNodes>,
  values: EntryStrings,
): boolean {
  const identity = values.certificateIdentity;
  const pattern = values.certificateIdentityRegexp;
  const patternNode = props.get('certificateIdentityRegexp')?.value;
  if (identity !== undefined && pattern !== undefined && patternNode) {
    reader.report(patternNode, loadMessages.verifyIdentityExclusive());
    return false;
  }
  if (pattern !== undefined && patternNode && !isValidPattern(pattern)) {
    reader.report(patternNode, loadMessages.verifyInvalidPattern(pattern));
    return false;
  }
  const hasIdentity = identity !== undefined || pattern !== undefined;
  if (values.key !== undefined && (hasIdentity || values.certificateOidcIssuer !== undefined)) {
    reader.report(element, loadMessages.verifyKeyAndIdentity());
    return false;
  }
  if (values.key !== undefined) return true;
  if (!hasIdentity) {
    reader.report(element, loadMessages.verifyNoSigner());
    return false;
  }
  if (values.certificateOidcIssuer === undefined) {
    reader.report(element, loadMessages.verifyNoIssuer());
    return false;
  }
  return true;
}

function isValidPattern(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch (err) {
    // The caller reports the pattern at its node; the engine's wording adds nothing there.
    if (err instanceof SyntaxError) return false;
    throw err;
  }
}

function readEntry(
  reader: PolicyReader,
  element: Node,
  ids: Set<string>,
): VerifyRequirement | undefined {
  if (element.type !== 'object') {
    reader.report(element, loadMessages.notAnObject('verify entry'));
    return undefined;
  }
  const props = reader.properties(element, VERIFY_KEYS, 'a verify entry');
  if (!props.has('files')) {
    reader.report(element, loadMessages.missingProperty('verify entry', 'files'));
  }
  const { values, valid: typed } = readStrings(reader, props);
  let valid = typed && checkSigner(reader, element, props, values);
  for (const name of ['files', 'bundle']) {
    const node = props.get(name)?.value;
    const text = values[name];
    if (node && text !== undefined && !isProjectRelative(text)) {
      reader.report(node, loadMessages.verifyPathOutsideProject(name));
      valid = false;
    }
  }
  for (const name of ['key', 'trustedRoot']) {
    if (!checkOrganizationPath(reader, name, props.get(name)?.value)) valid = false;
  }
  const idNode = props.get('id')?.value;
  if (idNode && values.id !== undefined) {
    if (ids.has(values.id)) {
      reader.report(idNode, loadMessages.duplicateVerifyId(values.id));
      return undefined;
    }
    ids.add(values.id);
  }
  if (!valid || values.files === undefined) return undefined;

  return withOptional(
    {
      files: values.files,
      bundle:
        values.bundle ??
        (values.predicateType === undefined
          ? DEFAULT_BUNDLE_TEMPLATE
          : DEFAULT_ATTESTATION_TEMPLATE),
      layer: reader.layer,
      path: reader.path,
      range: reader.range(element),
    },
    values,
  );
}

function withOptional(requirement: VerifyRequirement, values: EntryStrings): VerifyRequirement {
  const out = { ...requirement };
  if (values.id !== undefined) out.id = values.id;
  if (values.key !== undefined) out.key = values.key;
  if (values.certificateIdentity !== undefined) out.identity = values.certificateIdentity;
  if (values.certificateIdentityRegexp !== undefined) {
    out.identityPattern = values.certificateIdentityRegexp;
  }
  if (values.certificateOidcIssuer !== undefined) out.issuer = values.certificateOidcIssuer;
  if (values.trustedRoot !== undefined) out.trustedRoot = values.trustedRoot;
  if (values.predicateType !== undefined) out.predicateType = values.predicateType;
  return out;
}

/** Entries of one file's `verify` array, in file order; a repeated id keeps the first. */
export function readVerify(reader: PolicyReader, node: Node | undefined): VerifyRequirement[] {
  const ids = new Set<string>();
  const entries: VerifyRequirement[] = [];
  for (const element of reader.array('verify', node)) {
    const entry = readEntry(reader, element, ids);
    if (entry) entries.push(entry);
  }
  return entries;
}
