// SPDX-License-Identifier: Apache-2.0
// Predicate types for `sscs attest`: cosign-style short names, SLSA provenance v1 shape
// validation, and a provenance predicate generated from a GitLab CI job's variables.
import { SigningError } from '../errors';
import { messages } from './messages';

export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';
export const SLSA_PROVENANCE_V02 = 'https://slsa.dev/provenance/v0.2';
const RUNNER_PROVENANCE = 'https://gitlab.com/gitlab-org/gitlab-runner/-/blob';

// Short names as cosign's --type accepts them; anything else must be a URI.
const PREDICATE_TYPES: Record<string, string> = {
  slsaprovenance1: SLSA_PROVENANCE_V1,
  slsaprovenance02: SLSA_PROVENANCE_V02,
  slsaprovenance: SLSA_PROVENANCE_V02,
  spdxjson: 'https://spdx.dev/Document',
  cyclonedx: 'https://cyclonedx.org/bom',
  openvex: 'https://openvex.dev/ns',
  vuln: 'https://cosign.sigstore.dev/attestation/vuln/v1',
  custom: 'https://cosign.sigstore.dev/attestation/v1',
};

/**
 * Predicate type URI for a `--type` value.
 *
 * @throws SigningError PREDICATE_ERROR for an unknown short name
 */
export function resolvePredicateType(type: string): string {
  const known = PREDICATE_TYPES[type.toLowerCase()];
  if (known) return known;
  if (/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(type)) return type;
  throw new SigningError('PREDICATE_ERROR', messages.predicateInvalid(`unknown type '${type}'`));
}

/**
 * Checks that a predicate has the SLSA provenance v1 shape (buildDefinition with buildType
 * and externalParameters; runDetails with builder.id).
 *
 * @throws SigningError PREDICATE_ERROR naming the first missing or mistyped field
 */
export function validateSlsaProvenanceV1(predicate: Record<string, unknown>): void {
  const fail = (detail: string): never => {
    throw new SigningError('PREDICATE_ERROR', messages.predicateInvalid(detail));
  };
  const definition = predicate.buildDefinition;
  if (!isObject(definition)) return fail('buildDefinition must be an object');
  if (typeof definition.buildType !== 'string' || definition.buildType === '') {
    fail('buildDefinition.buildType must be a non-empty string');
  }
  if (!isObject(definition.externalParameters)) {
    fail('buildDefinition.externalParameters must be an object');
  }
  if (definition.internalParameters !== undefined && !isObject(definition.internalParameters)) {
    fail('buildDefinition.internalParameters must be an object');
  }
  checkDescriptors(definition.resolvedDependencies, 'buildDefinition.resolvedDependencies', fail);

  const run = predicate.runDetails;
  if (!isObject(run)) return fail('runDetails must be an object');
  if (!isObject(run.builder) || typeof run.builder.id !== 'string' || run.builder.id === '') {
    fail('runDetails.builder.id must be a non-empty string');
  }
  if (run.metadata !== undefined) {
    if (!isObject(run.metadata)) return fail('runDetails.metadata must be an object');
    for (const field of ['startedOn', 'finishedOn'] as const) {
      const value = run.metadata[field];
      if (value !== undefined && (typeof value !== 'string' || Number.isNaN(Date.parse(value)))) {
        fail(`runDetails.metadata.${field} must be an RFC 3339 timestamp`);
      }
    }
  }
  checkDescriptors(run.byproducts, 'runDetails.byproducts', fail);
}

/** True when the environment is a GitLab CI job. */
export function isGitLabCi(env: Record<string, string | undefined>): boolean {
  if (env.GITLAB_CI === 'true') return true;
  return env.CI_PROJECT_URL !== undefined && env.CI_JOB_ID !== undefined;
}

/**
 * Builds a SLSA provenance v1 predicate describing the current GitLab CI job.
 *
 * @throws SigningError PREDICATE_ERROR when the CI_* variables are missing
 */
export function gitLabProvenance(env: Record<string, string | undefined>): Record<string, unknown> {
  const project = env.CI_PROJECT_URL;
  const commit = env.CI_COMMIT_SHA;
  if (!isGitLabCi(env) || !project || !commit) {
    throw new SigningError('PREDICATE_ERROR', messages.generateNeedsCi());
  }

  const ref = env.CI_COMMIT_TAG
    ? `refs/tags/${env.CI_COMMIT_TAG}`
    : `refs/heads/${env.CI_COMMIT_BRANCH ?? env.CI_COMMIT_REF_NAME ?? ''}`;
  const configPath = env.CI_CONFIG_PATH ?? '.gitlab-ci.yml';
  const server = env.CI_SERVER_URL ?? new URL(project).origin;
  const runner = env.CI_RUNNER_ID ? `/-/runners/${env.CI_RUNNER_ID}` : '';
  const runnerVersion = env.CI_RUNNER_VERSION ? `v${env.CI_RUNNER_VERSION}` : 'main';

  const metadata: Record<string, string> = {
    invocationId: env.CI_JOB_URL ?? `${project}/-/jobs/${env.CI_JOB_ID ?? ''}`,
  };
  if (env.CI_JOB_STARTED_AT) metadata.startedOn = env.CI_JOB_STARTED_AT;

  return {
    buildDefinition: {
      buildType: `${RUNNER_PROVENANCE}/${runnerVersion}/PROVENANCE.md`,
      externalParameters: {
        source: { repository: project, ref },
        entryPoint: env.CI_JOB_NAME ?? '',
        configSource: { uri: `${project}//${configPath}@${ref}`, path: configPath },
        pipelineSource: env.CI_PIPELINE_SOURCE ?? '',
      },
      internalParameters: { pipelineId: env.CI_PIPELINE_ID ?? '', jobId: env.CI_JOB_ID ?? '' },
      resolvedDependencies: [{ uri: `git+${project}@${ref}`, digest: { gitCommit: commit } }],
    },
    runDetails: {
      builder: { id: `${server}/${env.CI_PROJECT_PATH ?? ''}${runner}` },
      metadata,
    },
  };
}

function checkDescriptors(value: unknown, field: string, fail: (detail: string) => never): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) fail(`${field} must be a list`);
  (value as unknown[]).forEach((item, index) => {
    const ok =
      isObject(item) &&
      (typeof item.uri === 'string' || isObject(item.digest) || typeof item.content === 'string');
    if (!ok) fail(`${field}[${index}] needs a uri, digest or content`);
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
