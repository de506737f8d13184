// SPDX-License-Identifier: Apache-2.0
// in-toto Statement v1 (and the v0.1 type URI still found in older bundles): building one
// about an artifact and matching an artifact against its subjects.
import { createHash } from 'node:crypto';

import type { ArtifactInput, DigestAlgorithm } from './artifact';

export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const STATEMENT_V1 = 'https://in-toto.io/Statement/v1';
const STATEMENT_TYPES = new Set([STATEMENT_V1, 'https://in-toto.io/Statement/v0.1']);

export interface InTotoSubject {
  name: string;
  digest: Record<string, string>;
}

export interface InTotoStatement {
  _type: string;
  subject: InTotoSubject[];
  predicateType: string;
  predicate: Record<string, unknown>;
}

/** Builds a Statement v1 whose single subject is `name` with the sha256 of `data`. */
export function buildStatement(
  name: string,
  data: Buffer,
  predicateType: string,
  predicate: Record<string, unknown>,
): InTotoStatement {
  const sha256 = createHash('sha256').update(data).digest('hex');
  return { _type: STATEMENT_V1, subject: [{ name, digest: { sha256 } }], predicateType, predicate };
}

/** The statement in a DSSE payload, or undefined when the payload is not one. */
export function parseStatement(payload: Buffer): InTotoStatement | undefined {
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch {
    // A payload that is not JSON is not a statement; the caller reports it as such.
    return undefined;
  }
  const value = json as Partial<InTotoStatement>;
  if (typeof value !== 'object' || value === null) return undefined;
  if (typeof value._type !== 'string' || !STATEMENT_TYPES.has(value._type)) return undefined;
  if (!Array.isArray(value.subject) || typeof value.predicateType !== 'string') return undefined;

  const subject = value.subject.filter(isSubject);
  const predicate =
    typeof value.predicate === 'object' && value.predicate !== null ? value.predicate : {};
  return { _type: value._type, subject, predicateType: value.predicateType, predicate };
}

/** True when some subject carries the artifact's digest (sha256 or sha512). */
export function hasMatchingSubject(statement: InTotoStatement, artifact: ArtifactInput): boolean {
  const wanted = subjectDigests(artifact);
  return statement.subject.some((subject) =>
    wanted.some(([algorithm, hex]) => subject.digest[algorithm]?.toLowerCase() === hex),
  );
}

function subjectDigests(artifact: ArtifactInput): [DigestAlgorithm, string][] {
  if (artifact.kind === 'digest') return [[artifact.algorithm, artifact.digest.toString('hex')]];
  return (['sha256', 'sha512'] as const).map((algorithm) => [
    algorithm,
    createHash(algorithm).update(artifact.data).digest('hex'),
  ]);
}

function isSubject(value: unknown): value is InTotoSubject {
  const subject = value as Partial<InTotoSubject>;
  return (
    typeof subject === 'object' &&
    subject !== null &&
    typeof subject.digest === 'object' &&
    subject.digest !== null
  );
}
