// SPDX-License-Identifier: Apache-2.0
// The effective policy of a workspace folder as plain data, each rule tagged with its layer,
// for the client's "Show effective policy" command.
import { URI } from 'vscode-uri';

import type { EffectivePolicyView } from '../../../shared/protocol';
import type { SscsServer } from './server';

export async function effectivePolicyView(
  server: SscsServer,
  uri: string | undefined,
): Promise<EffectivePolicyView> {
  const root = uri ? server.rootFor(URI.parse(uri).fsPath) : (server.roots[0] ?? '/');
  const set = await server.policies.get(root);
  const policy = set.effective;
  return {
    root,
    trusted: server.trusted,
    sources: policy.sources,
    mode: policy.mode,
    defaultAction: policy.defaultActionLayer
      ? `${policy.defaultAction} (${policy.defaultActionLayer})`
      : policy.defaultAction,
    registries: { ...policy.registries } as Record<string, string[]>,
    internalPackages: { ...policy.internalPackages } as Record<string, string[]>,
    rules: policy.rules.map((rule) => ({
      id: rule.id,
      action: rule.action,
      package: rule.package,
      versions: rule.versions,
      reason: rule.reason,
      layer: rule.layer,
    })),
    exceptions: policy.exceptions.map((e) => ({
      rule: e.rule,
      package: e.package,
      expires: e.expires,
      reason: e.reason,
      layer: e.layer,
    })),
    problems: [...(set.fatal ? [set.fatal] : []), ...policy.problems.map((p) => p.message)],
  };
}
