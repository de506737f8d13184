// SPDX-License-Identifier: Apache-2.0
// The `sscs.*` settings as the server reads them, normalised from whatever the client sends.

export interface SscsSettings {
  enable: boolean;
  /** Organization policy: a path (absolute, or relative to the workspace folder) or a URL. */
  organizationPolicy?: string;
  /** Delay between the last edit and the analysis, in milliseconds. */
  debounceMs: number;
  /** Never fetch the organization policy; use the cached copy. */
  offline: boolean;
}

export const DEFAULT_SETTINGS: SscsSettings = { enable: true, debounceMs: 15, offline: false };

/** Normalises the raw `sscs` configuration section; unknown or mistyped values fall back. */
export function settingsFrom(raw: unknown): SscsSettings {
  const section = isRecord(raw) ? raw : {};
  const policy = isRecord(section.policy) ? section.policy : {};
  const analysis = isRecord(section.analysis) ? section.analysis : {};
  const organization = policy.organization;
  const debounce = analysis.debounceMs;
  return {
    enable: typeof section.enable === 'boolean' ? section.enable : DEFAULT_SETTINGS.enable,
    organizationPolicy:
      typeof organization === 'string' && organization.trim() !== ''
        ? organization.trim()
        : undefined,
    debounceMs:
      typeof debounce === 'number' && debounce >= 0 && debounce <= 5000
        ? debounce
        : DEFAULT_SETTINGS.debounceMs,
    offline: typeof section.offline === 'boolean' ? section.offline : DEFAULT_SETTINGS.offline,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
