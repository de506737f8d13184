// SPDX-License-Identifier: Apache-2.0
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { applyMode, evaluateFile } from '../../../server/src/core/policy/evaluate';
import { NOW, effective, packageOf, parsedFile, pkg, policyText, rangeAt } from './helpers';

import type { Finding, FileKind, PackageRecord } from '../../../server/src/core/types';

type Members = Record<string, unknown>;

const rule = (id: string, action: string, pkgUrl: string, versions?: string) =>
  versions === undefined
    ? { id, action, package: pkgUrl }
    : { id, action, package: pkgUrl, versions };

/** [layer of a rule for pkg:npm/a, action] pairs to a policy text per layer. */
function layers(
  org?: string,
  project?: string,
  orgMembers: Members = {},
  projectMembers: Members = {},
): { org: string; project: string } {
  const orgRules = org ? [rule(`org-${org}`, org, 'pkg:npm/a')] : [];
  const projectRules = project ? [rule(`project-${project}`, project, 'pkg:npm/a')] : [];
  return {
    org: policyText({ rules: orgRules, ...orgMembers }),
    project: policyText({ rules: projectRules, ...projectMembers }),
  };
}

interface Row {
  name: string;
  org: string;
  project?: string;
  records: PackageRecord[];
  kind?: FileKind;
  /** [record index, code, rule] of each finding. */
  want: [number, Finding['code'], string | undefined][];
}

const A = pkg({ name: 'a', version: '1.0.0' });

const actionRows: Row[] = [
  ['', '', []],
  ['allow', '', []],
  ['deny', '', [[0, 'denied', 'org-deny']]],
  ['quarantine', '', [[0, 'quarantined', 'org-quarantine']]],
  ['', 'allow', []],
  ['', 'deny', [[0, 'denied', 'project-deny']]],
  ['', 'quarantine', [[0, 'quarantined', 'project-quarantine']]],
  ['allow', 'allow', []],
  ['allow', 'deny', [[0, 'denied', 'project-deny']]],
  ['allow', 'quarantine', [[0, 'quarantined', 'project-quarantine']]],
  ['deny', 'allow', [[0, 'denied', 'org-deny']]],
  ['deny', 'deny', [[0, 'denied', 'org-deny']]],
  ['deny', 'quarantine', [[0, 'denied', 'org-deny']]],
  ['quarantine', 'allow', [[0, 'quarantined', 'org-quarantine']]],
  ['quarantine', 'deny', [[0, 'denied', 'project-deny']]],
  ['quarantine', 'quarantine', [[0, 'quarantined', 'org-quarantine']]],
].map(([org, project, want]) => {
  const texts = layers(org as string, project as string);
  return {
    name: `organization ${org || 'none'} + project ${project || 'none'}`,
    org: texts.org,
    project: texts.project,
    records: [A],
    want: want as Row['want'],
  };
});

const defaultRows: Row[] = [
  {
    name: 'organization default deny: an organization allow admits',
    ...layers('allow', '', { defaultAction: 'deny' }),
    records: [A],
    want: [],
  },
  {
    name: 'organization default deny: a project allow does not admit',
    ...layers('', 'allow', { defaultAction: 'deny' }),
    records: [A],
    want: [[0, 'not-allowed', undefined]],
  },
  {
    name: 'organization default deny: no rule at all',
    ...layers('', '', { defaultAction: 'deny' }),
    records: [A],
    want: [[0, 'not-allowed', undefined]],
  },
  {
    name: 'project default deny: a project allow admits',
    ...layers('', 'allow', {}, { defaultAction: 'deny' }),
    records: [A],
    want: [],
  },
  {
    name: 'project default deny: an organization allow admits too',
    ...layers('allow', '', {}, { defaultAction: 'deny' }),
    records: [A],
    want: [],
  },
  {
    name: 'project default deny: a quarantine is still a quarantine',
    ...layers('quarantine', '', {}, { defaultAction: 'deny' }),
    records: [A],
    want: [[0, 'quarantined', 'org-quarantine']],
  },
];

const lodash = (version: string, exact = true, section?: string) =>
  pkg({ name: 'lodash', version, exact, ...(section ? { section } : {}) });
const versionPolicy = policyText({
  rules: [rule('old-lodash', 'deny', 'pkg:npm/lodash', '<4.17.21')],
});
const allowPolicy = policyText({
  defaultAction: 'deny',
  rules: [rule('ok-lodash', 'allow', 'pkg:npm/lodash', '>=4.17.21')],
});
const unversionedPolicy = policyText({ rules: [rule('no-lodash', 'deny', 'pkg:npm/lodash')] });

const versionRows: Row[] = [
  {
    name: 'lockfile version inside the denied range',
    org: versionPolicy,
    records: [lodash('4.17.20'), lodash('4.17.21')],
    want: [[0, 'denied', 'old-lodash']],
  },
  {
    name: 'manifest spec wholly inside the denied range',
    org: versionPolicy,
    kind: 'manifest',
    records: [lodash('~4.17.0 <4.17.5', false), lodash('^4.17.0', false), lodash('latest', false)],
    want: [[0, 'denied', 'old-lodash']],
  },
  {
    name: 'a rule without versions matches every spec',
    org: unversionedPolicy,
    kind: 'manifest',
    records: [lodash('^4.17.0', false), lodash('latest', false)],
    want: [
      [0, 'denied', 'no-lodash'],
      [1, 'denied', 'no-lodash'],
    ],
  },
  {
    name: 'default deny: lockfile version outside the allowed range',
    org: allowPolicy,
    records: [lodash('4.17.20'), lodash('4.17.21'), pkg({ name: 'left-pad', version: '1.3.0' })],
    want: [
      [0, 'not-allowed', undefined],
      [2, 'not-allowed', undefined],
    ],
  },
  {
    // Limit pinned: a manifest spec is not-allowed only when no allow rule names the package.
    name: 'default deny: manifest specs are judged by name only',
    org: allowPolicy,
    kind: 'manifest',
    records: [lodash('^4.0.0', false), pkg({ name: 'left-pad', version: '^1.3.0', exact: false })],
    want: [[1, 'not-allowed', undefined]],
  },
  {
    name: 'scope glob does not match a longer scope',
    org: policyText({ rules: [rule('new-vendor', 'quarantine', 'pkg:npm/@newco/*')] }),
    records: [
      pkg({ name: '@newco/sdk', version: '1.0.0' }),
      pkg({ name: '@newcoevil/x', version: '1.0.0' }),
      pkg({ name: 'newco', version: '1.0.0' }),
    ],
    want: [[0, 'quarantined', 'new-vendor']],
  },
  {
    name: 'percent-encoded scope and the every-package glob',
    org: policyText({
      rules: [rule('enc', 'deny', 'pkg:npm/%40newco/sdk'), rule('all', 'quarantine', 'pkg:npm/*')],
    }),
    records: [
      pkg({ name: '@newco/sdk', version: '1.0.0' }),
      pkg({ name: '@x/y', version: '2.0.0' }),
    ],
    want: [
      [0, 'denied', 'enc'],
      [1, 'quarantined', 'all'],
    ],
  },
  {
    // Limit pinned: no PyPI name normalisation yet.
    name: 'pypi names are not normalised',
    org: policyText({ rules: [rule('no-foo', 'deny', 'pkg:pypi/Foo_Bar')] }),
    records: [
      pkg({ name: 'foo-bar', version: '1.0.0', ecosystem: 'pypi' }),
      pkg({ name: 'Foo_Bar', version: '1.0.0', ecosystem: 'pypi' }),
    ],
    want: [[1, 'denied', 'no-foo']],
  },
  {
    name: 'names compare case-sensitively and ecosystems apart',
    org: unversionedPolicy,
    records: [
      lodash('4.17.21'),
      pkg({ name: 'Lodash', version: '4.17.21' }),
      pkg({ name: 'lodash', version: '4.17.21', ecosystem: 'pypi', key: 'pypi:lodash' }),
    ],
    want: [[0, 'denied', 'no-lodash']],
  },
];

describe('evaluateFile decisions', () => {
  for (const row of [...actionRows, ...defaultRows, ...versionRows]) {
    test(row.name, () => {
      const file = parsedFile(row.records, row.kind);
      const findings = evaluateFile(file, effective(row.org, row.project), { now: NOW });
      assert.deepStrictEqual(
        findings.map((f) => [f.range.start.line, f.code, f.rule]),
        row.want,
      );
    });
  }
});

const specPolicy = policyText({
  defaultAction: 'deny',
  rules: [
    rule('no-event-stream', 'deny', 'pkg:npm/event-stream', '3.3.6'),
    { ...rule('new-vendor', 'quarantine', 'pkg:npm/@newco/*'), reason: 'Pending security review' },
    rule('bare', 'deny', 'pkg:npm/bare'),
  ],
});
const denyReason = policyText({
  rules: [
    {
      ...rule('no-event-stream', 'deny', 'pkg:npm/event-stream', '3.3.6'),
      reason: 'Compromised release.',
    },
  ],
});

describe('evaluateFile findings', () => {
  test('denied: the SPEC.md message, package, rule and exception fix', () => {
    const record = pkg({ name: 'event-stream', version: '3.3.6' });
    const file = parsedFile([record]);
    const want: Finding[] = [
      {
        code: 'denied',
        severity: 'error',
        message: 'event-stream 3.3.6 is denied by rule no-event-stream: Compromised release.',
        file: 'package-lock.json',
        range: rangeAt(0),
        package: {
          ecosystem: 'npm',
          name: 'event-stream',
          version: '3.3.6',
          purl: 'pkg:npm/event-stream@3.3.6',
        },
        rule: 'no-event-stream',
        fix: { exceptionRule: 'no-event-stream' },
      },
    ];
    assert.deepStrictEqual(evaluateFile(file, effective(denyReason), { now: NOW }), want);
  });

  test('each decision in a manifest, with the remove-dependency fix where it applies', () => {
    const records = [
      pkg({ name: '@newco/sdk', version: '^1.0.0', exact: false, section: 'devDependencies' }),
      pkg({ name: 'bare', version: '^2.0.0', exact: false, section: 'overrides' }),
      pkg({ name: 'left-pad', version: '^1.3.0', exact: false, section: 'dependencies' }),
    ];
    const file = parsedFile(records, 'manifest');
    const remove = (index: number) => ({
      manifest: 'package.json',
      name: records[index].name,
      section: records[index].section ?? '',
    });
    const want: Finding[] = [
      {
        code: 'quarantined',
        severity: 'warning',
        message: '@newco/sdk ^1.0.0 is quarantined by rule new-vendor: Pending security review.',
        file: 'package.json',
        range: rangeAt(0),
        package: packageOf(records[0]),
        rule: 'new-vendor',
        fix: { exceptionRule: 'new-vendor', removeDependency: remove(0) },
      },
      {
        code: 'denied',
        severity: 'error',
        message: 'bare ^2.0.0 is denied by rule bare; an exception would allow it.',
        file: 'package.json',
        range: rangeAt(1),
        package: packageOf(records[1]),
        rule: 'bare',
        fix: { exceptionRule: 'bare' },
      },
      {
        code: 'not-allowed',
        severity: 'error',
        message:
          'left-pad ^1.3.0 is not allowed because the organization policy denies by default ' +
          'and no allow rule matches it; add an allow rule or an exception.',
        file: 'package.json',
        range: rangeAt(2),
        package: packageOf(records[2]),
        fix: { exceptionRule: 'not-allowed', removeDependency: remove(2) },
      },
    ];
    assert.deepStrictEqual(evaluateFile(file, effective(specPolicy), { now: NOW }), want);
  });

  test('not-allowed under a project default deny names the project policy', () => {
    const record = pkg({ name: 'left-pad', version: '1.3.0' });
    const [finding] = evaluateFile(
      parsedFile([record]),
      effective(policyText({}), policyText({ defaultAction: 'deny' })),
      { now: NOW },
    );
    assert.equal(
      finding?.message,
      'left-pad 1.3.0 is not allowed because the project policy denies by default and no ' +
        'allow rule matches it; add an allow rule or an exception.',
    );
  });

  test('locates only the records that get a finding', () => {
    const records = Array.from({ length: 2000 }, (_, index) =>
      pkg({ name: `pkg-${index}`, version: '1.0.0' }),
    );
    records.push(pkg({ name: 'bare', version: '1.0.0' }));
    const file = parsedFile(records);
    const policy = effective(policyText({ rules: [rule('bare', 'deny', 'pkg:npm/bare')] }));
    const findings = evaluateFile(file, policy, { now: NOW });
    assert.deepStrictEqual(
      { codes: findings.map((f) => f.code), located: file.located },
      { codes: ['denied'], located: ['bare@1.0.0'] },
    );
  });
});

describe('applyMode', () => {
  const findings: Finding[] = (['error', 'warning', 'info'] as const).map((severity) => ({
    code: 'denied',
    severity,
    message: 'x.',
    file: 'f',
    range: rangeAt(0),
  }));
  const rows = [
    {
      name: 'advisory clamps errors to warnings',
      mode: 'advisory',
      want: ['warning', 'warning', 'info'],
    },
    { name: 'enforced keeps severities', mode: 'enforced', want: ['error', 'warning', 'info'] },
  ];
  for (const row of rows) {
    test(row.name, () => {
      const got = applyMode(findings, effective(policyText({ mode: row.mode })));
      assert.deepStrictEqual(
        got,
        findings.map((finding, index) => ({ ...finding, severity: row.want[index] })),
      );
      assert.equal(findings[0].severity, 'error');
    });
  }
});
