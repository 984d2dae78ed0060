/**
 * Finding and loading policy files for the CLI commands (check, policy export, rotate, status).
 * The language server passes open-document text to analyzePolicy instead.
 */
import { dirname, join, relative, resolve, sep } from 'node:path';
import { listFiles } from '../../files/walk';
import { confinementFor } from '../../files/confine';
import { readTextAtMost, TOO_LARGE } from '../../files/read-at-most';
import { ledgerPathFor, readLedger } from '../../ledger/read';
import type { LedgerEntry } from '../../ledger/types';
import { analyzePolicy, type PolicyAnalysis } from '../check/analyze';
import { gitIgnoredChecker } from './git-ignored';
import type { PolicyProblem } from '../check/codes';
import type { Policy } from '../model/schema';
import { LIMITS } from './source';

import { isPolicyFileName, POLICY_FILE_PREFERRED } from '../model/policy-file-names';

export { isPolicyFileName as isPolicyFile };

export { findPolicyFile, findPolicyFilesIn } from './find-policy-file';

export interface LoadedPolicy {
  policy?: Policy;
  problems: PolicyProblem[];
  text: string;
  analysis: PolicyAnalysis;
  /** The ledger beside the policy, as read for the analysis (states, known values). */
  ledgerEntries: LedgerEntry[];
}

export interface LoadOptions {
  now?: Date;
  /** Workspace checks: reference globs against the files beside the policy, env-file stores against .gitignore (walks the folder: off by default, the CLI check turns it on). */
  listFiles?: boolean;
  /** Where the user's allowed-paths file is found (XDG_CONFIG_HOME, HOME); this process's by default. */
  env?: NodeJS.ProcessEnv;
}

/** Reads and analyzes a policy (with its ledger). Throws only on I/O errors such as a missing file. */
export function loadPolicyFile(path: string, opts: LoadOptions = {}): LoadedPolicy {
  // Bounded whatever stat says (a device or a FIFO says 0 bytes): a multi-gigabyte file must not
  // be pulled into memory to be rejected. Past the bound, the analysis gets a stand-in text over
  // its own limit and reports policy/input-limit.
  let tooLarge = false;
  let text: string;
  try {
    text = readTextAtMost(path, LIMITS.maxBytes * 4);
  } catch (err) {
    if (err !== TOO_LARGE) throw err;
    tooLarge = true;
    text = 'x'.repeat(LIMITS.maxBytes + 1);
  }
  const ledger = readLedger(ledgerPathFor(path));
  const folder = dirname(path);
  const gitIgnored = opts.listFiles ? gitIgnoredChecker(folder) : undefined;
  const analysis = analyzePolicy(text, {
    path,
    now: opts.now ?? new Date(),
    ledgerEntries: ledger.entries,
    ledgerMalformedLines: ledger.malformedLines,
    ...(opts.listFiles ? { listFiles: () => listFolder(folder) } : {}),
    ...(opts.listFiles && gitIgnored ? { isGitIgnored: gitIgnored } : {}),
    confinement: confinementFor(path, opts.env),
  });
  return { ...(analysis.policy ? { policy: analysis.policy } : {}), problems: analysis.problems, text: tooLarge ? '' : text, analysis, ledgerEntries: ledger.entries };
}

/**
 * The files beside a policy (relative, forward slashes), for its reference globs: git-ignored ones
 * included, node_modules left out, through the one safe walk (no symlink followed, budgets hold).
 */
export function listFolder(folder: string): string[] {
  return listFiles([folder], folder, false, { skipDirs: NOT_LISTED, listSymlinks: true, budget: { maxFiles: 200_000, maxMs: 30_000 } }).files.map((f) => relative(folder, f).split(sep).join('/'));
}

const NOT_LISTED = new Set(['node_modules']);

/** `file` for CLI output: relative to the current directory, forward slashes. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return (rel.startsWith('..') ? path : rel).split(sep).join('/');
}

