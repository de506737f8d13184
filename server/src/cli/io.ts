// SPDX-License-Identifier: Apache-2.0
// What a CLI command may touch of its process, passed in so tests run commands in process.

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stdout is a terminal (colours, prompts). */
  isTty: boolean;
  /** True when stderr is a terminal (progress lines). */
  stderrIsTty?: boolean;
  /** Reads a secret from the terminal without echo; undefined when there is no terminal. */
  promptSecret?: (question: string) => Promise<string>;
}

/** Wrong flags or arguments: printed as one sentence, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit codes of SPEC.md section 4. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_FAILURE = 2;

export type CommandRunner = (args: string[], io: CliIo) => Promise<number>;
