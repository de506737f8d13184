// SPDX-License-Identifier: Apache-2.0
// Custom LSP messages between the sscs client and server, all under the `sscs/` prefix.

/** Options the client passes in `initialize`. */
export interface InitializationOptions {
  /** False in VS Code's restricted mode: organization policy only, no project files. */
  trusted: boolean;
  /** Folder for the organization policy cache (the extension's global storage). */
  storagePath?: string;
  /** Initial settings, for clients without `workspace/configuration`. */
  settings?: unknown;
  /** True from the sscs VS Code client: code actions may carry its commands. */
  clientCommands?: boolean;
}

/** Server → client after each publish: counts over every file with diagnostics. */
export const STATUS_NOTIFICATION = 'sscs/status';
export interface StatusParams {
  errors: number;
  warnings: number;
  infos: number;
  files: number;
  /** Set when the policy could not be loaded; the status item shows it. */
  policyProblem?: string;
}

/** Client → server: analyze every supported file of the workspace folders on disk. */
export const ANALYZE_WORKSPACE_REQUEST = 'sscs/analyzeWorkspace';
export interface AnalyzeWorkspaceResult {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
}

/** Client → server: the effective policy of a workspace folder, for display. */
export const EFFECTIVE_POLICY_REQUEST = 'sscs/effectivePolicy';
export interface EffectivePolicyParams {
  /** A file or folder URI inside the workspace folder; the first folder when absent. */
  uri?: string;
}
export interface EffectivePolicyView {
  root: string;
  trusted: boolean;
  sources: { organization?: string; project?: string };
  mode: string;
  defaultAction: string;
  registries: Record<string, string[]>;
  internalPackages: Record<string, string[]>;
  rules: {
    id: string;
    action: string;
    package: string;
    versions?: string;
    reason?: string;
    layer: string;
  }[];
  exceptions: { rule: string; package: string; expires: string; reason: string; layer: string }[];
  problems: string[];
}
