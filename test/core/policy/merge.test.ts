// SPDX-License-Identifier: Apache-2.0
// The trust boundary of SPEC.md section 2: a project policy can only tighten.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { mergePolicies } from '../../../server/src/core/policy/merge';
import {
  ORG_PATH,
  PROJECT_PATH,
  effective,
  objectRange,
  orgPolicy,
  policyText,
  projectPolicy,
  rangeOf,
} from './helpers';

import type { EffectivePolicy } from '../../../server/src/core/policy/policy.types';
import type { Finding, Severity, TextRange } from '../../../server/src/core/types';

const EXPIRES = '2027-01-31';
const exception = (rule: string) => ({
  rule,
  package: 'pkg:npm/a',
  reason: 'Ok.',
  expires: EXPIRES,
});
const rule = (id: string, action: string) => ({ id, action, package: `pkg:npm/${id}` });

interface Row {
  name: string;
  org?: string;
  project?: string;
  want: {
    usable?: boolean;
    mode: EffectivePolicy['mode'];
    defaultAction: EffectivePolicy['defaultAction'];
    defaultActionLayer?: EffectivePolicy['defaultActionLayer'];
    registries?: EffectivePolicy['registries'];
    rules: string[];
    exceptions: string[];
    /** Problems as [file, severity, message, range] on the project (or organization) text. */
    problems: [string, Severity, string, TextRange][];
  };
}

function summary(policy: EffectivePolicy): Row['want'] {
  const view: Row['want'] = {
    usable: policy.usable,
    mode: policy.mode,
    defaultAction: policy.defaultAction,
    rules: policy.rules.map((r) => `${r.layer}:${r.id}`),
    exceptions: policy.exceptions.map((e) => `${e.layer}:${e.rule}`),
    problems: policy.problems.map((p) => [p.file, p.severity, p.message, p.range]),
  };
  if (policy.defaultActionLayer) view.defaultActionLayer = policy.defaultActionLayer;
  if (policy.registries) view.registries = policy.registries;
  return view;
}

const project = {
  advisory: policyText({ mode: 'advisory' }),
  enforced: policyText({ mode: 'enforced' }),
  defaultAllow: policyText({ defaultAction: 'allow' }),
  defaultDenyWithAllow: policyText({ defaultAction: 'deny', rules: [rule('p-ok', 'allow')] }),
  allowRule: policyText({ rules: [rule('p-ok', 'allow'), rule('p-no', 'deny')] }),
  registries: policyText({
    registries: {
      npm: ['https://registry.npmjs.org/', 'https://registry.npmjs.org.evil.com/'],
    },
  }),
  narrowerRegistry: policyText({
    registries: { npm: ['https://gitlab.example.com/api/v4/packages/npm/team/'] },
  }),
  exceptions: policyText({ exceptions: [exception('p-no')] }),
  sharedId: policyText({ rules: [rule('o-no', 'quarantine')] }),
};
const org = {
  plain: policyText({ rules: [rule('o-no', 'deny')] }),
  advisory: policyText({ mode: 'advisory' }),
  defaultDeny: policyText({ defaultAction: 'deny', rules: [rule('o-ok', 'allow')] }),
  registries: policyText({
    registries: {
      npm: ['https://registry.npmjs.org/', 'https://gitlab.example.com/api/v4/packages/npm/'],
    },
  }),
  allowsExceptions: policyText({ allowProjectExceptions: true, exceptions: [exception('o-no')] }),
  deniesExceptions: policyText({ rules: [rule('o-no', 'deny')], exceptions: [exception('o-no')] }),
  typoException: policyText({ exceptions: [exception('o-nope')] }),
};

const rows: Row[] = [
  {
    name: 'neither layer: empty policy, allow by default, enforced',
    want: { mode: 'enforced', defaultAction: 'allow', rules: [], exceptions: [], problems: [] },
  },
  {
    name: 'project alone stands alone: advisory and its exceptions count',
    project: policyText({
      mode: 'advisory',
      rules: [rule('p-no', 'deny')],
      exceptions: [exception('p-no')],
    }),
    want: {
      mode: 'advisory',
      defaultAction: 'allow',
      rules: ['project:p-no'],
      exceptions: ['project:p-no'],
      problems: [],
    },
  },
  {
    name: 'project cannot switch an enforced organization to advisory',
    org: org.plain,
    project: project.advisory,
    want: {
      mode: 'enforced',
      defaultAction: 'allow',
      rules: ['organization:o-no'],
      exceptions: [],
      problems: [
        [
          PROJECT_PATH,
          'error',
          'The organization policy is enforced, so "mode": "advisory" in this project is ignored.',
          rangeOf(project.advisory, '"advisory"'),
        ],
      ],
    },
  },
  {
    name: 'project may tighten an advisory organization to enforced',
    org: org.advisory,
    project: project.enforced,
    want: { mode: 'enforced', defaultAction: 'allow', rules: [], exceptions: [], problems: [] },
  },
  {
    name: 'advisory organization stays advisory under a silent project',
    org: org.advisory,
    project: policyText({}),
    want: { mode: 'advisory', defaultAction: 'allow', rules: [], exceptions: [], problems: [] },
  },
  {
    name: 'project defaultAction allow cannot lift an organization deny',
    org: org.defaultDeny,
    project: project.defaultAllow,
    want: {
      mode: 'enforced',
      defaultAction: 'deny',
      defaultActionLayer: 'organization',
      rules: ['organization:o-ok'],
      exceptions: [],
      problems: [
        [
          PROJECT_PATH,
          'error',
          'The organization policy denies by default, so "defaultAction": "allow" here is ignored.',
          rangeOf(project.defaultAllow, '"allow"'),
        ],
      ],
    },
  },
  {
    name: 'project allow rules are ignored under an organization default deny',
    org: org.defaultDeny,
    project: project.allowRule,
    want: {
      mode: 'enforced',
      defaultAction: 'deny',
      defaultActionLayer: 'organization',
      rules: ['organization:o-ok', 'project:p-no'],
      exceptions: [],
      problems: [
        [
          PROJECT_PATH,
          'error',
          'Rule p-ok is ignored because the organization policy denies by default and only its ' +
            'own allow rules can admit a package.',
          objectRange(project.allowRule, '{\n      "id": "p-ok"'),
        ],
      ],
    },
  },
  {
    name: 'project default deny applies under an organization allow, with its allow rules',
    org: org.plain,
    project: project.defaultDenyWithAllow,
    want: {
      mode: 'enforced',
      defaultAction: 'deny',
      defaultActionLayer: 'project',
      rules: ['organization:o-no', 'project:p-ok'],
      exceptions: [],
      problems: [],
    },
  },
  {
    name: 'project deny and allow rules add under an organization allow',
    org: org.plain,
    project: project.allowRule,
    want: {
      mode: 'enforced',
      defaultAction: 'allow',
      rules: ['organization:o-no', 'project:p-ok', 'project:p-no'],
      exceptions: [],
      problems: [],
    },
  },
  {
    // Limit pinned: an outranked project allow rule is not reported.
    name: 'a project allow rule for an organization-denied package is kept silently',
    org: org.plain,
    project: policyText({ rules: [{ id: 'p-ok', action: 'allow', package: 'pkg:npm/o-no' }] }),
    want: {
      mode: 'enforced',
      defaultAction: 'allow',
      rules: ['organization:o-no', 'project:p-ok'],
      exceptions: [],
      problems: [],
    },
  },
  {
    name: 'project registries narrow the organization list; outside entries are ignored',
    org: org.registries,
    project: project.registries,
    want: {
      mode: 'enforced',
      defaultAction: 'allow',
      registries: { npm: ['https://registry.npmjs.org/'] },
      rules: [],
      exceptions: [],
      problems: [
        [
          PROJECT_PATH,
          'error',
          "Registry https://registry.npmjs.org.evil.com/ is not within the organization's " +
            'registries and is ignored.',
          rangeOf(project.registries, '"https://registry.npmjs.org.evil.com/"'),
        ],
      ],
    },
  },
  {
    name: 'project registry under an organization registry path counts',
    org: org.registries,
    project: project.narrowerRegistry,
    want: {
      mode: 'enforced',
      defaultAction: 'allow',
      registries: { npm: ['https://gitlab.example.com/api/v4/packages/npm/team/'] },
      rules: [],
      exceptions: [],
      problems: [],
    },
  },
  {
    name: 'project registries apply when the organization has no list',
    org: org.plain,
    project: project.registries,
    want: {
      mode: 'enforced',
      defaultAction: 'allow',
      registries: {
        npm: ['https://registry.npmjs.org/', 'https://registry.npmjs.org.evil.com/'],
      },
      rules: ['organization:o-no'],
      exceptions: [],
      problems: [],
    },
  },
  {
    name: 'organization registries apply when the project has none',
    org: org.registries,
    project: policyText({}),
    want: {
      mode: 'enforced',
      defaultAction: 'allow',
      registries: {
        npm: ['https://registry.npmjs.org/', 'https://gitlab.example.com/api/v4/packages/npm/'],
      },
      rules: [],
      exceptions: [],
      problems: [],
    },
  },
  {
    name: 'project exceptions count where the organization allows them',
    org: policyText({ allowProjectExceptions: true, rules: [rule('p-no', 'deny')] }),
    project: project.exceptions,
    want: {
      mode: 'enforced',
      defaultAction: 'allow',
      rules: ['organization:p-no'],
      exceptions: ['project:p-no'],
      problems: [],
    },
  },
  {
    name: 'project exceptions are ignored without allowProjectExceptions',
    org: org.deniesExceptions,
    project: project.exceptions,
    want: {
      mode: 'enforced',
      defaultAction: 'allow',
      rules: ['organization:o-no'],
      exceptions: ['organization:o-no'],
      problems: [
        [
          PROJECT_PATH,
          'error',
          'This exception for p-no is ignored because the organization policy does not set ' +
            '"allowProjectExceptions": true.',
          objectRange(project.exceptions, '{\n      "rule": "p-no"'),
        ],
      ],
    },
  },
  {
    name: 'an exception naming neither a rule nor a code is a warning',
    org: org.typoException,
    want: {
      mode: 'enforced',
      defaultAction: 'allow',
      rules: [],
      exceptions: ['organization:o-nope'],
      problems: [
        [
          ORG_PATH,
          'warning',
          'Exception names "o-nope", which is neither a rule id nor a finding code it can lift.',
          objectRange(org.typoException, '{\n      "rule": "o-nope"'),
        ],
      ],
    },
  },
  {
    name: 'a project cannot grant itself exceptions',
    project: policyText({ allowProjectExceptions: true }),
    want: {
      mode: 'enforced',
      defaultAction: 'allow',
      rules: [],
      exceptions: [],
      problems: [
        [
          PROJECT_PATH,
          'error',
          '"allowProjectExceptions" counts only in the organization policy and is ignored here.',
          rangeOf(policyText({ allowProjectExceptions: true }), '"allowProjectExceptions"'),
        ],
      ],
    },
  },
  {
    name: 'a project rule reusing an organization rule id is kept with a warning',
    org: org.plain,
    project: project.sharedId,
    want: {
      mode: 'enforced',
      defaultAction: 'allow',
      rules: ['organization:o-no', 'project:o-no'],
      exceptions: [],
      problems: [
        [
          PROJECT_PATH,
          'warning',
          'Rule id "o-no" is also used by the organization policy, so exceptions naming it lift ' +
            'both.',
          objectRange(project.sharedId, '{\n      "id": "o-no"'),
        ],
      ],
    },
  },
  {
    name: 'an unusable organization policy still binds the project',
    org: '{ "version": 2 }',
    project: project.exceptions,
    want: {
      usable: false,
      mode: 'enforced',
      defaultAction: 'allow',
      rules: [],
      exceptions: [],
      problems: [
        [
          ORG_PATH,
          'error',
          'Policy version 2 is not supported; use "version": 1.',
          rangeOf('{ "version": 2 }', '2'),
        ],
        [
          PROJECT_PATH,
          'error',
          'This exception for p-no is ignored because the organization policy does not set ' +
            '"allowProjectExceptions": true.',
          objectRange(project.exceptions, '{\n      "rule": "p-no"'),
        ],
      ],
    },
  },
];

describe('mergePolicies trust boundary', () => {
  for (const row of rows) {
    test(row.name, () => {
      const got = summary(effective(row.org, row.project));
      assert.deepStrictEqual(got, { usable: true, ...row.want });
    });
  }
});

describe('mergePolicies', () => {
  test('without layers gives the whole empty policy', () => {
    const want: EffectivePolicy = {
      usable: true,
      mode: 'enforced',
      defaultAction: 'allow',
      internalPackages: {},
      rules: [],
      exceptions: [],
      problems: [],
      sources: {},
    };
    assert.deepStrictEqual(mergePolicies(), want);
  });

  test('unions internal packages, keeps the larger release age and names both sources', () => {
    const got = mergePolicies(
      orgPolicy(policyText({ internalPackages: { npm: ['@acme/*'] }, minimumReleaseAge: 3 })),
      projectPolicy(
        policyText({ internalPackages: { npm: ['@acme/*', 'acme-cli'] }, minimumReleaseAge: 7 }),
      ),
    );
    const problems: Finding[] = [];
    assert.deepStrictEqual(
      {
        internalPackages: got.internalPackages,
        minimumReleaseAge: got.minimumReleaseAge,
        sources: got.sources,
        problems: got.problems,
      },
      {
        internalPackages: { npm: ['@acme/*', 'acme-cli'] },
        minimumReleaseAge: 7,
        sources: { organization: ORG_PATH, project: PROJECT_PATH },
        problems,
      },
    );
  });

  test('an organization granting exceptions counts its own and the project ones', () => {
    const got = effective(org.allowsExceptions, project.exceptions);
    assert.deepStrictEqual(
      got.exceptions.map((e) => [e.layer, e.rule]),
      [
        ['organization', 'o-no'],
        ['project', 'p-no'],
      ],
    );
  });
});
