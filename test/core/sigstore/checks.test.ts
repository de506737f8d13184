// SPDX-License-Identifier: Apache-2.0
// Table tests of the pure checks: digests, identities, bundle media types, trusted roots,
// SLSA predicates and provenance expectations.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { isDigestReference } from '../../../server/src/core/sigstore/artifact';
import { parseBundle } from '../../../server/src/core/sigstore/bundle-load';
import { verifyIdentity } from '../../../server/src/core/sigstore/identity';
import { normalizeRepo, verifyProvenance } from '../../../server/src/core/sigstore/provenance';
import {
  gitLabProvenance,
  resolvePredicateType,
  validateSlsaProvenanceV1,
} from '../../../server/src/core/sigstore/slsa';
import { parseTrustedRoot } from '../../../server/src/core/sigstore/trust-root';

import type { VerificationResult } from '../../../server/src/core/sigstore/verify';

const HEX64 = 'a'.repeat(64);

describe('isDigestReference', () => {
  const rows: [string, boolean][] = [
    [`sha256:${HEX64}`, true],
    [`sha256:${HEX64.toUpperCase()}`, true],
    [`sha512:${'b'.repeat(128)}`, true],
    [`sha256:${HEX64}0`, false],
    [`sha1:${'a'.repeat(40)}`, false],
    ['artifact.txt', false],
  ];
  for (const [text, want] of rows) {
    it(`${text.slice(0, 20)} -> ${want}`, () => assert.equal(isDigestReference(text), want));
  }
});

describe('verifyIdentity', () => {
  const claims = {
    subjectAlternativeName:
      'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1',
    issuer: 'https://token.actions.githubusercontent.com',
    extensions: {},
  };
  const rows = [
    { name: 'exact identity', policy: { identity: claims.subjectAlternativeName }, want: 'pass' },
    {
      name: 'prefix is not enough',
      policy: { identity: 'https://github.com/acme/app' },
      want: 'IDENTITY_ERROR',
    },
    {
      name: 'anchored pattern',
      policy: { identityPattern: 'https://github\\.com/acme/.*' },
      want: 'pass',
    },
    {
      name: 'unanchored substring',
      policy: { identityPattern: 'acme/app' },
      want: 'IDENTITY_ERROR',
    },
    { name: 'exact issuer', policy: { issuer: claims.issuer }, want: 'pass' },
    { name: 'issuer with slash', policy: { issuer: `${claims.issuer}/` }, want: 'IDENTITY_ERROR' },
  ];
  for (const row of rows) {
    it(row.name, () => {
      let got = 'pass';
      try {
        verifyIdentity(row.policy, claims);
      } catch (err) {
        got = (err as { code: string }).code;
      }
      assert.equal(got, row.want);
    });
  }
});

describe('parseBundle', () => {
  it('refuses an unknown media type', () => {
    assert.throws(
      () => parseBundle('{"mediaType":"application/vnd.dev.sigstore.bundle+json;version=99.9"}'),
      {
        code: 'BUNDLE_PARSE_ERROR',
        message:
          "The bundle media type 'application/vnd.dev.sigstore.bundle+json;version=99.9' is not a " +
          'supported Sigstore bundle version.',
      },
    );
  });

  // Limit: a bundle without mediaType is read as v0.1 (npm's early attestations).
  it('reads a bundle without media type as v0.1, whose rules then apply', () => {
    assert.throws(() => parseBundle('{"verificationMaterial":{}}'), {
      code: 'BUNDLE_PARSE_ERROR',
      message: /^The bundle is not a valid Sigstore bundle: missing or invalid /,
    });
  });
});

describe('parseTrustedRoot', () => {
  const root = (validFor: object) =>
    JSON.stringify({
      mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
      tlogs: [{ baseUrl: 'https://log.example', publicKey: { rawBytes: '', validFor } }],
    });
  it('accepts a log key with a validity start', () => {
    assert.equal(parseTrustedRoot(root({ start: '2021-01-01T00:00:00Z' })).tlogs.length, 1);
  });
  it('rejects a log key without one', () => {
    assert.throws(() => parseTrustedRoot(root({})), {
      code: 'TRUST_ROOT_ERROR',
      message:
        'The trusted root lists the transparency log https://log.example without a validity ' +
        'start, so its key cannot be trusted.',
    });
  });
  it('rejects text that is not JSON', () => {
    assert.throws(() => parseTrustedRoot('{'), { code: 'TRUST_ROOT_ERROR' });
  });
});

describe('SLSA predicates', () => {
  it('maps short type names and passes URIs through', () => {
    assert.deepEqual(
      ['slsaprovenance1', 'slsaprovenance02', 'spdxjson', 'https://example.com/p/v1'].map(
        resolvePredicateType,
      ),
      [
        'https://slsa.dev/provenance/v1',
        'https://slsa.dev/provenance/v0.2',
        'https://spdx.dev/Document',
        'https://example.com/p/v1',
      ],
    );
    assert.throws(() => resolvePredicateType('sbom'), { code: 'PREDICATE_ERROR' });
  });

  const valid = {
    buildDefinition: { buildType: 'https://b/v1', externalParameters: {} },
    runDetails: {
      builder: { id: 'https://builder' },
      metadata: { startedOn: '2024-01-01T00:00:00Z' },
    },
  };
  const rows: { name: string; predicate: Record<string, unknown>; want: string }[] = [
    { name: 'minimal valid', predicate: valid, want: 'ok' },
    {
      name: 'no buildDefinition',
      predicate: { runDetails: valid.runDetails },
      want: 'buildDefinition must be an object',
    },
    {
      name: 'no buildType',
      predicate: { ...valid, buildDefinition: { externalParameters: {} } },
      want: 'buildDefinition.buildType must be a non-empty string',
    },
    {
      name: 'bad dependency',
      predicate: {
        ...valid,
        buildDefinition: { ...valid.buildDefinition, resolvedDependencies: [{}] },
      },
      want: 'buildDefinition.resolvedDependencies[0] needs a uri, digest or content',
    },
    {
      name: 'no builder id',
      predicate: { ...valid, runDetails: { builder: {} } },
      want: 'runDetails.builder.id must be a non-empty string',
    },
    {
      name: 'bad timestamp',
      predicate: {
        ...valid,
        runDetails: { ...valid.runDetails, metadata: { finishedOn: 'soon' } },
      },
      want: 'runDetails.metadata.finishedOn must be an RFC 3339 timestamp',
    },
  ];
  for (const row of rows) {
    it(`validates ${row.name}`, () => {
      let got = 'ok';
      try {
        validateSlsaProvenanceV1(row.predicate);
      } catch (err) {
        got = (err as Error).message
          .replace(/^The predicate is not valid: /, '')
          .replace(/\.$/, '');
      }
      assert.equal(got, row.want);
    });
  }

  it('generates a valid provenance predicate from GitLab CI variables', () => {
    const env = {
      GITLAB_CI: 'true',
      CI_SERVER_URL: 'https://gitlab.com',
      CI_PROJECT_URL: 'https://gitlab.com/acme/app',
      CI_PROJECT_PATH: 'acme/app',
      CI_COMMIT_SHA: 'c0ffee',
      CI_COMMIT_TAG: 'v1.2.0',
      CI_CONFIG_PATH: '.gitlab-ci.yml',
      CI_JOB_ID: '42',
      CI_JOB_URL: 'https://gitlab.com/acme/app/-/jobs/42',
      CI_JOB_NAME: 'release',
      CI_PIPELINE_ID: '7',
      CI_PIPELINE_SOURCE: 'push',
      CI_RUNNER_ID: '12',
      CI_RUNNER_VERSION: '17.0.0',
    };
    const predicate = gitLabProvenance(env);
    validateSlsaProvenanceV1(predicate);
    assert.deepEqual(predicate, {
      buildDefinition: {
        buildType: 'https://gitlab.com/gitlab-org/gitlab-runner/-/blob/v17.0.0/PROVENANCE.md',
        externalParameters: {
          source: { repository: 'https://gitlab.com/acme/app', ref: 'refs/tags/v1.2.0' },
          entryPoint: 'release',
          configSource: {
            uri: 'https://gitlab.com/acme/app//.gitlab-ci.yml@refs/tags/v1.2.0',
            path: '.gitlab-ci.yml',
          },
          pipelineSource: 'push',
        },
        internalParameters: { pipelineId: '7', jobId: '42' },
        resolvedDependencies: [
          {
            uri: 'git+https://gitlab.com/acme/app@refs/tags/v1.2.0',
            digest: { gitCommit: 'c0ffee' },
          },
        ],
      },
      runDetails: {
        builder: { id: 'https://gitlab.com/acme/app/-/runners/12' },
        metadata: { invocationId: 'https://gitlab.com/acme/app/-/jobs/42' },
      },
    });
    assert.throws(() => gitLabProvenance({}), { code: 'PREDICATE_ERROR' });
  });
});

describe('verifyProvenance', () => {
  const gitlab: VerificationResult = {
    content: 'dsse',
    signedWith: 'certificate',
    identity: 'https://gitlab.com/acme/app//.gitlab-ci.yml@refs/heads/main',
    issuer: 'https://gitlab.com',
    extensions: {
      '1.3.6.1.4.1.57264.1.12': 'https://gitlab.com/acme/app',
      '1.3.6.1.4.1.57264.1.14': 'refs/heads/main',
    },
    tlogEntries: 1,
    rfc3161Timestamps: 0,
    statement: {
      _type: 'https://in-toto.io/Statement/v1',
      subject: [],
      predicateType: 'https://slsa.dev/provenance/v1',
      predicate: { runDetails: { builder: { id: 'https://gitlab.com/acme/app/-/runners/12' } } },
    },
  };
  const rows = [
    {
      name: 'GitLab source and branch',
      want: { sourceUri: 'gitlab.com/acme/app', branch: 'main' },
      got: 'pass',
    },
    {
      name: 'wrong project',
      want: { sourceUri: 'https://gitlab.com/acme/other' },
      got: 'source repository',
    },
    {
      name: 'tag instead of branch',
      want: { sourceUri: 'gitlab.com/acme/app', tag: 'main' },
      got: 'source ref',
    },
    {
      name: 'builder',
      want: {
        sourceUri: 'gitlab.com/acme/app',
        builderId: 'https://gitlab.com/acme/app/-/runners/13',
      },
      got: 'builder',
    },
  ];
  for (const row of rows) {
    it(row.name, () => {
      let got = 'pass';
      try {
        verifyProvenance(gitlab, row.want);
      } catch (err) {
        got = /^The ([a-z ]+) check failed/.exec((err as Error).message)?.[1] ?? String(err);
      }
      assert.equal(got, row.got);
    });
  }

  it('accepts a self-managed GitLab issuer only when named', () => {
    const selfManaged = { ...gitlab, issuer: 'https://gitlab.acme.internal' };
    assert.throws(() => verifyProvenance(selfManaged, { sourceUri: 'gitlab.com/acme/app' }), {
      code: 'PROVENANCE_ERROR',
    });
    const facts = verifyProvenance(selfManaged, {
      sourceUri: 'gitlab.com/acme/app',
      issuers: ['https://gitlab.acme.internal'],
    });
    assert.equal(facts.sourceRef, 'refs/heads/main');
  });

  it('normalizes repository URIs', () => {
    assert.deepEqual(
      [
        'git+https://github.com/Acme/App.git@refs/tags/v1',
        'github.com/acme/app/',
        'https://github.com/acme/app',
      ].map(normalizeRepo),
      ['github.com/acme/app', 'github.com/acme/app', 'github.com/acme/app'],
    );
  });
});
