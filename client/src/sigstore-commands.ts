// SPDX-License-Identifier: Apache-2.0
// Palette and explorer commands to sign, attest and verify a file with Sigstore. The work
// happens in the language server; here we only ask for keys, identities and secrets.
// Passphrases and tokens are sent to the server and never written to the log.
import { commands, Uri, window, workspace } from 'vscode';

import { ATTEST_REQUEST, SIGN_REQUEST, VERIFY_REQUEST } from '../../shared/sigstore-protocol';

import type { ExtensionContext, LogOutputChannel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type {
  AttestParams,
  SignOutcome,
  SignParams,
  VerifyOutcome,
  VerifyParams,
} from '../../shared/sigstore-protocol';

type ClientSource = LanguageClient | (() => LanguageClient);

/**
 * Optional second argument of the commands, for keybindings, tasks and tests: what it names
 * is not asked for. A key (or a token, or an identity with issuer) skips every picker.
 */
export interface CommandOptions {
  key?: string;
  passphrase?: string;
  identityToken?: string;
  bundle?: string;
  certificateIdentity?: string;
  certificateOidcIssuer?: string;
}

const ISSUERS = [
  { label: 'https://token.actions.githubusercontent.com', description: 'GitHub Actions' },
  { label: 'https://gitlab.com', description: 'GitLab CI' },
  { label: 'https://accounts.google.com', description: 'Google' },
  { label: 'https://github.com/login/oauth', description: 'GitHub' },
  { label: 'https://login.microsoftonline.com', description: 'Microsoft' },
];
const PREDICATE_TYPES = ['slsaprovenance1', 'spdxjson', 'cyclonedx', 'openvex', 'custom'];

/** Registers sscs.signFile, sscs.attestFile and sscs.verifyFile. */
export function registerSigstoreCommands(
  context: ExtensionContext,
  client: ClientSource,
  log: LogOutputChannel,
): void {
  const current = () => (typeof client === 'function' ? client() : client);
  context.subscriptions.push(
    commands.registerCommand('sscs.signFile', async (uri?: Uri, options?: CommandOptions) => {
      const file = await pickTarget(uri, 'Sign');
      if (!file) return undefined;
      const params = presetSigning(file, options) ?? (await signingParams(file));
      if (!params) return undefined;
      const outcome: SignOutcome = await current().sendRequest(SIGN_REQUEST, params);
      return reportSigning('Signed', file, outcome, log);
    }),
    commands.registerCommand('sscs.attestFile', async (uri?: Uri) => {
      const file = await pickTarget(uri, 'Attest');
      if (!file) return undefined;
      const predicate = await pickFile('Predicate JSON', { JSON: ['json'] });
      if (!predicate) return undefined;
      const predicateType = await pickPredicateType();
      if (!predicateType) return undefined;
      const params = await signingParams(file);
      if (!params) return undefined;
      const request: AttestParams = { ...params, predicatePath: predicate.fsPath, predicateType };
      const outcome: SignOutcome = await current().sendRequest(ATTEST_REQUEST, request);
      return reportSigning('Attested', file, outcome, log);
    }),
    commands.registerCommand('sscs.verifyFile', async (uri?: Uri, options?: CommandOptions) => {
      const file = await pickTarget(uri, 'Verify');
      if (!file) return undefined;
      const params = presetVerify(file, options) ?? (await verifyParams(file));
      if (!params) return undefined;
      const outcome: VerifyOutcome = await current().sendRequest(VERIFY_REQUEST, params);
      return reportVerification(file, outcome, log);
    }),
  );
}

function services(): Pick<SignParams, 'fulcioUrl' | 'rekorUrl' | 'tsaUrl'> {
  const settings = workspace.getConfiguration('sscs.sigstore');
  return {
    fulcioUrl: settings.get<string>('fulcioUrl') || undefined,
    rekorUrl: settings.get<string>('rekorUrl') || undefined,
    tsaUrl: settings.get<string>('tsaUrl') || undefined,
  };
}

function presetSigning(file: Uri, options?: CommandOptions): SignParams | undefined {
  if (!options?.key && !options?.identityToken) return undefined;
  return {
    filePath: file.fsPath,
    keyPath: options.key,
    passphrase: options.passphrase,
    identityToken: options.key ? undefined : options.identityToken,
    bundlePath: options.bundle,
    ...services(),
  };
}

function presetVerify(file: Uri, options?: CommandOptions): VerifyParams | undefined {
  const identity = options?.certificateIdentity && options.certificateOidcIssuer;
  if (!options?.bundle || (!options.key && !identity)) return undefined;
  const trustedRoot = workspace.getConfiguration('sscs.sigstore').get<string>('trustedRoot');
  return {
    target: file.fsPath,
    bundlePath: options.bundle,
    keyPath: options.key,
    certificateIdentity: options.certificateIdentity,
    certificateOidcIssuer: options.certificateOidcIssuer,
    trustedRootPath: trustedRoot || undefined,
  };
}

async function pickTarget(uri: Uri | undefined, verb: string): Promise<Uri | undefined> {
  if (uri instanceof Uri) return uri;
  const active = window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file') return active;
  return pickFile(`${verb} this file`);
}

async function pickFile(
  title: string,
  filters?: Record<string, string[]>,
): Promise<Uri | undefined> {
  const picked = await window.showOpenDialog({ canSelectMany: false, title, filters });
  return picked?.[0];
}

async function signingParams(file: Uri): Promise<SignParams | undefined> {
  const settings = workspace.getConfiguration('sscs.sigstore');
  const method = await window.showQuickPick(
    [
      { label: 'Sign with a key file', value: 'key' as const },
      {
        label: 'Sign keyless',
        description: 'Fulcio certificate from an OIDC token',
        value: 'keyless' as const,
      },
    ],
    { title: 'How should the file be signed?' },
  );
  if (!method) return undefined;

  if (method.value === 'keyless') {
    const token =
      settings.get<string>('identityToken') ||
      process.env.SIGSTORE_ID_TOKEN ||
      (await window.showInputBox({
        password: true,
        prompt: 'OIDC identity token',
        ignoreFocusOut: true,
      }));
    if (!token) return undefined;
    return { filePath: file.fsPath, identityToken: token, ...services() };
  }

  const key = await pickFile('Private key', { Keys: ['key', 'pem'], 'All files': ['*'] });
  if (!key) return undefined;
  const text = Buffer.from(await workspace.fs.readFile(key)).toString('utf8');
  let passphrase: string | undefined;
  if (text.includes('ENCRYPTED')) {
    passphrase = await window.showInputBox({
      password: true,
      prompt: `Passphrase for ${key.fsPath}`,
      ignoreFocusOut: true,
    });
    if (passphrase === undefined) return undefined;
  }
  return { filePath: file.fsPath, keyPath: key.fsPath, passphrase, ...services() };
}

async function pickPredicateType(): Promise<string | undefined> {
  const picked = await window.showQuickPick([...PREDICATE_TYPES, 'Other type URI…'], {
    title: 'Predicate type',
  });
  if (picked !== 'Other type URI…') return picked;
  return window.showInputBox({ prompt: 'Predicate type URI', placeHolder: 'https://…' });
}

async function verifyParams(file: Uri): Promise<VerifyParams | undefined> {
  const bundle = await findBundle(file);
  if (!bundle) return undefined;
  const trustedRoot = workspace.getConfiguration('sscs.sigstore').get<string>('trustedRoot');
  const base = {
    target: file.fsPath,
    bundlePath: bundle.fsPath,
    trustedRootPath: trustedRoot || undefined,
  };

  const method = await window.showQuickPick(
    [
      {
        label: 'Certificate identity',
        description: 'keyless signature',
        value: 'identity' as const,
      },
      { label: 'Public key file', value: 'key' as const },
    ],
    { title: 'Verify against' },
  );
  if (!method) return undefined;
  if (method.value === 'key') {
    const key = await pickFile('Public key', { Keys: ['pub', 'pem', 'json'], 'All files': ['*'] });
    return key ? { ...base, keyPath: key.fsPath } : undefined;
  }

  const identity = await window.showInputBox({
    prompt: 'Expected signer identity (email or workflow URI), compared exactly',
    ignoreFocusOut: true,
  });
  if (!identity) return undefined;
  const issuer = await pickIssuer();
  if (!issuer) return undefined;
  return { ...base, certificateIdentity: identity, certificateOidcIssuer: issuer };
}

async function pickIssuer(): Promise<string | undefined> {
  const picked = await window.showQuickPick([...ISSUERS, { label: 'Other…', description: '' }], {
    title: 'Expected OIDC issuer',
  });
  if (!picked) return undefined;
  if (picked.label !== 'Other…') return picked.label;
  return window.showInputBox({ prompt: 'OIDC issuer URL', ignoreFocusOut: true });
}

async function findBundle(file: Uri): Promise<Uri | undefined> {
  for (const suffix of ['.sigstore.json', '.intoto.sigstore.json', '.sigstore']) {
    const candidate = file.with({ path: `${file.path}${suffix}` });
    try {
      await workspace.fs.stat(candidate);
      return candidate;
    } catch {
      // No bundle under this name; try the next one, then ask.
      continue;
    }
  }
  return pickFile('Sigstore bundle', { Bundles: ['json', 'sigstore'], 'All files': ['*'] });
}

function reportSigning(verb: string, file: Uri, outcome: SignOutcome, log: LogOutputChannel) {
  if (!outcome.ok) {
    log.warn(`${verb} ${file.fsPath} failed (${outcome.code}): ${outcome.message}`);
    void window.showErrorMessage(outcome.message);
    return outcome;
  }
  const logged =
    outcome.logIndex === undefined ? 'no transparency log entry' : `log index ${outcome.logIndex}`;
  const signer = outcome.identity ? `, signer ${outcome.identity}` : '';
  log.info(`${verb} ${file.fsPath}: bundle ${outcome.bundlePath}, ${logged}${signer}`);
  const note = outcome.note ? ` ${outcome.note}` : '';
  const written = basename(Uri.file(outcome.bundlePath));
  void window.showInformationMessage(`${verb} ${basename(file)}: wrote ${written}.${note}`);
  return outcome;
}

function reportVerification(file: Uri, outcome: VerifyOutcome, log: LogOutputChannel) {
  if (!outcome.ok) {
    log.warn(`Verify ${file.fsPath} failed (${outcome.code}): ${outcome.message}`);
    void window.showErrorMessage(`Verification of ${basename(file)} failed. ${outcome.message}`);
    return outcome;
  }
  const who = outcome.identity
    ? `${outcome.identity} (${outcome.issuer ?? 'unknown issuer'})`
    : 'the given key';
  log.info(
    `Verified ${file.fsPath}: signer ${who}, log index ${outcome.logIndex ?? 'none'}, ` +
      `integrated time ${outcome.integratedTime ?? 'none'}`,
  );
  void window.showInformationMessage(`Verified ${basename(file)}: signed by ${who}.`);
  return outcome;
}

function basename(uri: Uri): string {
  return uri.path.split('/').pop() ?? uri.path;
}
