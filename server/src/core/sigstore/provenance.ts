// SPDX-License-Identifier: Apache-2.0
// slsa-verifier's checks on a verified provenance bundle: predicate type, builder id, source
// repository and ref, and a CI issuer. Fulcio's certificate extensions are preferred over the
// predicate, because the CA vouches for them while the predicate is the builder's word.
import { VerificationError } from '../errors';
import { FULCIO_OID } from './identity';
import { messages } from './messages';
import { SLSA_PROVENANCE_V02, SLSA_PROVENANCE_V1 } from './slsa';

import type { VerificationResult } from './verify';

export interface ProvenanceExpectations {
  /** e.g. github.com/org/repo or https://gitlab.com/group/project */
  sourceUri: string;
  builderId?: string;
  branch?: string;
  tag?: string;
  /** Issuers accepted besides GitHub Actions and gitlab.com (self-managed GitLab). */
  issuers?: string[];
}

export interface ProvenanceFacts {
  predicateType: string;
  builderId?: string;
  sourceUri?: string;
  sourceRef?: string;
  issuer?: string;
}

const CI_ISSUERS = ['https://token.actions.githubusercontent.com', 'https://gitlab.com'];

/**
 * Checks a verified bundle's provenance against the expectations.
 *
 * @throws VerificationError PROVENANCE_ERROR naming the check that failed
 */
export function verifyProvenance(
  result: VerificationResult,
  expected: ProvenanceExpectations,
): ProvenanceFacts {
  const fail = (message: string): never => {
    throw new VerificationError('PROVENANCE_ERROR', message);
  };
  const statement = result.statement ?? fail(messages.provenanceNotInToto());
  const facts = readFacts(statement.predicateType, statement.predicate, result);

  if (facts.predicateType !== SLSA_PROVENANCE_V1 && facts.predicateType !== SLSA_PROVENANCE_V02) {
    fail(messages.predicateTypeMismatch(facts.predicateType));
  }
  const issuer = facts.issuer ?? '';
  if (![...CI_ISSUERS, ...(expected.issuers ?? [])].includes(issuer)) {
    fail(messages.untrustedIssuer(issuer));
  }

  const source = facts.sourceUri ?? fail(messages.provenanceFieldMissing('source repository'));
  if (normalizeRepo(source) !== normalizeRepo(expected.sourceUri)) {
    fail(messages.sourceMismatch(expected.sourceUri, source));
  }

  if (expected.builderId !== undefined) {
    const builder = facts.builderId ?? fail(messages.provenanceFieldMissing('builder id'));
    if (!builderMatches(expected.builderId, builder)) {
      fail(messages.builderMismatch(expected.builderId, builder));
    }
  }

  const wantRef = expected.tag
    ? `refs/tags/${expected.tag}`
    : expected.branch
      ? `refs/heads/${expected.branch}`
      : undefined;
  if (wantRef !== undefined) {
    const ref = facts.sourceRef ?? fail(messages.provenanceFieldMissing('source ref'));
    if (ref !== wantRef) fail(messages.refMismatch(wantRef, ref));
  }
  return facts;
}

/** Source repository without scheme, `git+` prefix, `.git` suffix or `@ref`. */
export function normalizeRepo(uri: string): string {
  return uri
    .replace(/^git\+/, '')
    .replace(/@refs\/.*$/, '')
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .toLowerCase();
}

// An expected builder id without `@ref` matches any version of that builder, as in
// slsa-verifier; with a ref it must match exactly.
function builderMatches(expected: string, actual: string): boolean {
  if (expected === actual) return true;
  return !expected.includes('@') && actual.split('@')[0] === expected;
}

function readFacts(
  predicateType: string,
  predicate: Record<string, unknown>,
  result: VerificationResult,
): ProvenanceFacts {
  const ext = result.extensions;
  const fromPredicate =
    predicateType === SLSA_PROVENANCE_V02 ? readV02(predicate) : readV1(predicate);
  return {
    predicateType,
    builderId: fromPredicate.builderId,
    sourceUri: ext[FULCIO_OID.sourceRepositoryUri] ?? fromPredicate.sourceUri,
    sourceRef: ext[FULCIO_OID.sourceRepositoryRef] ?? fromPredicate.sourceRef,
    issuer: result.issuer,
  };
}

function readV02(predicate: Record<string, unknown>): Partial<ProvenanceFacts> {
  const builderId = str(get(predicate, 'builder', 'id'));
  const uri =
    str(get(predicate, 'invocation', 'configSource', 'uri')) ??
    str(get(first(predicate.materials), 'uri'));
  return { builderId, sourceUri: uri, sourceRef: refOf(uri) };
}

function readV1(predicate: Record<string, unknown>): Partial<ProvenanceFacts> {
  const builderId = str(get(predicate, 'runDetails', 'builder', 'id'));
  const external = get(predicate, 'buildDefinition', 'externalParameters');
  const workflowRepo = str(get(external, 'workflow', 'repository'));
  const sourceRepo = str(get(external, 'source', 'repository'));
  const dependencies = get(predicate, 'buildDefinition', 'resolvedDependencies');
  const dependency = str(get(first(dependencies), 'uri'));
  const sourceUri = workflowRepo ?? sourceRepo ?? dependency;
  const sourceRef =
    str(get(external, 'workflow', 'ref')) ??
    str(get(external, 'source', 'ref')) ??
    refOf(dependency);
  return { builderId, sourceUri, sourceRef };
}

function refOf(uri: string | undefined): string | undefined {
  const at = uri?.indexOf('@refs/') ?? -1;
  return uri && at >= 0 ? uri.slice(at + 1) : undefined;
}

function get(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
