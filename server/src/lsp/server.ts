// SPDX-License-Identifier: Apache-2.0
// The LSP adapter: document sync, settings, file watching and custom requests, translating
// between the protocol and the core. All state lives in the SscsServer object.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';

import { isSupportedFile } from '../core/analyze';
import { describeError } from '../core/errors';
import { createDiskSource } from '../node/disk-source';
import { DEFAULT_SETTINGS, settingsFrom } from '../../../shared/settings';
import {
  ANALYZE_WORKSPACE_REQUEST,
  EFFECTIVE_POLICY_REQUEST,
  STATUS_NOTIFICATION,
} from '../../../shared/protocol';
import { provideCodeActions } from './code-actions';
import { analyzePath } from './analyze-path';
import { ManifestCache } from './manifest-cache';
import { PolicyStore } from './policy-store';
import { registerSigstoreRequests } from './sigstore-requests';
import { Validator } from './validator';
import { effectivePolicyView } from './policy-view';

import type { Connection, InitializeParams, InitializeResult } from 'vscode-languageserver/node';
import type { FileSource } from '../core/file-source';
import type { SscsSettings } from '../../../shared/settings';
import type {
  AnalyzeWorkspaceResult,
  EffectivePolicyParams,
  InitializationOptions,
  StatusParams,
} from '../../../shared/protocol';

export function startServer(): void {
  new SscsServer(createConnection(ProposedFeatures.all)).listen();
}

export class SscsServer {
  readonly documents = new TextDocuments(TextDocument);
  roots: string[] = [];
  settings: SscsSettings = DEFAULT_SETTINGS;
  trusted = true;
  /** Set by the sscs VS Code client, which implements the commands code actions may name. */
  clientCommands = false;
  private hasConfiguration = false;
  private hasWatchers = false;
  private storagePath = join(tmpdir(), 'sscs');
  readonly source: FileSource;
  readonly policies: PolicyStore;
  readonly validator: Validator;
  readonly manifests = new ManifestCache();

  constructor(readonly connection: Connection) {
    const disk = createDiskSource();
    this.source = {
      read: async (path) =>
        this.documents.get(URI.file(path).toString())?.getText() ?? disk.read(path),
      list: (root) => disk.list(root),
    };
    this.policies = new PolicyStore({
      source: this.source,
      settings: () => this.settings,
      trusted: this.trusted,
      cacheDir: join(this.storagePath, 'policies'),
      warn: (text) => connection.console.warn(text),
    });
    this.validator = new Validator(
      (uri, signal) => analyzePath(this, URI.parse(uri), signal),
      (uri, diagnostics) => {
        void connection.sendDiagnostics({ uri, diagnostics });
        void this.sendStatus();
      },
      (uri, err) => this.logError(`analysis of ${uri} failed`, err),
    );
  }

  listen(): void {
    const { connection, documents } = this;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => void this.initialized());
    connection.onDidChangeConfiguration((change) => void this.reloadSettings(change.settings));
    connection.onDidChangeWatchedFiles((params) => {
      for (const change of params.changes) this.fileChanged(change.uri, change.type);
    });
    connection.onCodeAction((params) => provideCodeActions(this, params));
    connection.onRequest(ANALYZE_WORKSPACE_REQUEST, () => this.analyzeWorkspace());
    registerSigstoreRequests(connection);
    connection.onRequest(EFFECTIVE_POLICY_REQUEST, (params: EffectivePolicyParams) =>
      effectivePolicyView(this, params.uri),
    );

    documents.onDidOpen((event) => this.validator.schedule(event.document.uri, 0));
    documents.onDidChangeContent((event) => this.contentChanged(event.document.uri));
    documents.onDidClose((event) => this.validator.clear(event.document.uri));
    documents.listen(connection);
    connection.listen();
  }

  /** The workspace folder containing `path` (the longest match), or the file's folder. */
  rootFor(path: string): string {
    const matches = this.roots.filter((root) => path === root || path.startsWith(`${root}/`));
    return matches.sort((a, b) => b.length - a.length)[0] ?? this.roots[0] ?? '/';
  }

  logError(context: string, err: unknown): void {
    const stack = err instanceof Error && err.stack ? `\n${err.stack}` : '';
    this.connection.console.error(`${context}: ${describeError(err)}${stack}`);
  }

  private initialize(params: InitializeParams): InitializeResult {
    const options = (params.initializationOptions ?? {}) as Partial<InitializationOptions>;
    this.trusted = options.trusted !== false;
    this.clientCommands = options.clientCommands === true;
    if (options.storagePath) this.storagePath = options.storagePath;
    this.settings = settingsFrom(options.settings);
    const folders = params.workspaceFolders ?? [];
    this.roots = folders.map((folder) => URI.parse(folder.uri).fsPath);
    if (this.roots.length === 0 && params.rootUri) this.roots = [URI.parse(params.rootUri).fsPath];
    const workspace = params.capabilities.workspace;
    this.hasConfiguration = workspace?.configuration === true;
    this.hasWatchers = workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.policies.reset({ trusted: this.trusted, cacheDir: join(this.storagePath, 'policies') });

    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'sscs', version: '0.1.0' },
    };
  }

  private async initialized(): Promise<void> {
    const { connection } = this;
    connection.console.info(`sscs server 0.1.0 on Node ${process.version}`);
    if (this.hasConfiguration) {
      await connection.client.register(DidChangeConfigurationNotification.type, {
        section: 'sscs',
      });
      await this.reloadSettings(undefined);
    }
    if (this.hasWatchers) {
      const names = '{package.json,package-lock.json,npm-shrinkwrap.json,yarn.lock,pnpm-lock.yaml}';
      await connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: `**/${names}` }, { globPattern: '**/.sscs/policy.{json,jsonc}' }],
      });
    }
  }

  private async reloadSettings(pushed: unknown): Promise<void> {
    try {
      const raw = this.hasConfiguration
        ? await this.pullSettings()
        : isRecord(pushed)
          ? pushed.sscs
          : undefined;
      this.settings = settingsFrom(raw);
      this.connection.console.info('sscs settings reloaded');
    } catch (err) {
      this.logError('reading the sscs settings failed', err);
    }
    this.policies.invalidate();
    this.revalidateAll();
  }

  // Only the sections the server reads: sscs.sigstore carries a token it must never see.
  private async pullSettings(): Promise<Record<string, unknown>> {
    const names = ['enable', 'policy', 'analysis', 'offline'];
    const values: unknown[] = await this.connection.workspace.getConfiguration(
      names.map((name) => ({ section: `sscs.${name}` })),
    );
    return Object.fromEntries(names.map((name, i) => [name, values[i]]));
  }

  private contentChanged(uri: string): void {
    const path = URI.parse(uri).fsPath;
    if (this.policies.isPolicyFile(path, this.roots)) {
      this.policies.invalidate();
      this.revalidateAll();
      return;
    }
    this.validator.schedule(uri, this.settings.debounceMs);
  }

  private fileChanged(uri: string, type: FileChangeType): void {
    const path = URI.parse(uri).fsPath;
    if (this.policies.isPolicyFile(path, this.roots)) {
      if (this.documents.get(uri)) return;
      this.policies.invalidate();
      this.revalidateAll();
      return;
    }
    // An open document's buffer is the truth; the disk copy matters only for closed files.
    if (this.documents.get(uri) || !isSupportedFile(path)) return;
    if (type === FileChangeType.Deleted) this.validator.clear(uri);
    else this.validator.schedule(uri, this.settings.debounceMs);
  }

  revalidateAll(): void {
    const uris = new Set([...this.validator.uris(), ...this.documents.keys()]);
    for (const uri of uris) this.validator.schedule(uri, 0);
  }

  private async analyzeWorkspace(): Promise<AnalyzeWorkspaceResult> {
    const files = (await Promise.all(this.roots.map((root) => this.source.list(root))))
      .flat()
      .filter((path) => isSupportedFile(path));
    await Promise.all(files.map((path) => this.validator.validateNow(URI.file(path).toString())));
    const counts = this.validator.counts();
    return {
      files: files.length,
      errors: counts.errors,
      warnings: counts.warnings,
      infos: counts.infos,
    };
  }

  private async sendStatus(): Promise<void> {
    const counts = this.validator.counts();
    const status: StatusParams = { ...counts };
    const root = this.roots[0];
    if (root) {
      const set = await this.policies.get(root);
      const broken = [set.organization, set.project].find((layer) => layer && !layer.policy);
      if (set.fatal) status.policyProblem = set.fatal;
      else if (broken) status.policyProblem = `The ${broken.layer} policy is unusable.`;
    }
    await this.connection.sendNotification(STATUS_NOTIFICATION, status);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
