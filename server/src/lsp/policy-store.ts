// SPDX-License-Identifier: Apache-2.0
// The policies in force per workspace folder, loaded once and reloaded when a policy file or
// the settings change.
import { isAbsolute, resolve } from 'node:path';

import { findProjectPolicy, loadPolicies, PROJECT_POLICY_FILES } from '../node/policy-loader';
import { isPolicyUrl } from '../node/org-policy-fetch';

import type { FileSource } from '../core/file-source';
import type { PolicySet } from '../node/policy-loader';
import type { SscsSettings } from '../../../shared/settings';

export interface PolicyStoreOptions {
  source: FileSource;
  settings: () => SscsSettings;
  trusted: boolean;
  cacheDir: string;
  warn: (text: string) => void;
}

export class PolicyStore {
  private readonly loaded = new Map<string, Promise<PolicySet>>();

  constructor(private options: PolicyStoreOptions) {}

  /** Applies what `initialize` told (trust, storage) and drops loaded policies. */
  reset(changes: Partial<PolicyStoreOptions>): void {
    this.options = { ...this.options, ...changes };
    this.loaded.clear();
  }

  get trusted(): boolean {
    return this.options.trusted;
  }

  /** The policies for workspace folder `root` (absolute path). */
  get(root: string): Promise<PolicySet> {
    let set = this.loaded.get(root);
    if (!set) {
      set = this.load(root);
      this.loaded.set(root, set);
    }
    return set;
  }

  invalidate(): void {
    this.loaded.clear();
  }

  /** Whether a change to `path` changes some policy: a project policy or a local org policy. */
  isPolicyFile(path: string, roots: string[]): boolean {
    const org = this.organizationPath(roots[0] ?? '/');
    if (org && path === org) return true;
    return roots.some((root) => PROJECT_POLICY_FILES.some((file) => resolve(root, file) === path));
  }

  /** Local organization policy path, when the setting names a file. */
  organizationPath(root: string): string | undefined {
    const value = this.options.settings().organizationPolicy ?? process.env.SSCS_ORG_POLICY;
    if (!value || isPolicyUrl(value)) return undefined;
    return isAbsolute(value) ? value : resolve(root, value);
  }

  private async load(root: string): Promise<PolicySet> {
    const settings = this.options.settings();
    const organization = settings.organizationPolicy ?? process.env.SSCS_ORG_POLICY;
    const set = await loadPolicies({
      organization:
        organization && !isPolicyUrl(organization) ? this.organizationPath(root) : organization,
      root,
      trusted: this.options.trusted,
      cacheDir: this.options.cacheDir,
      offline: settings.offline,
      token: process.env.SSCS_POLICY_TOKEN,
      source: this.options.source,
    });
    set.warnings.forEach(this.options.warn);
    return set;
  }

  /** Project policy path for `root`, existing or the one a quick fix would create. */
  projectPolicyPath(root: string): string {
    return findProjectPolicy(root) ?? resolve(root, PROJECT_POLICY_FILES[0]);
  }
}
