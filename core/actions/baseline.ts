/**
 * "Accept this finding" for editors: adds an entry to the folder's baseline file (the one
 * `rotation-guard scan --baseline` reads), keyed by the finding's fingerprint, never its value.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_BASELINE_FILE, formatBaseline, parseBaseline, type BaselineEntry } from '../detect/index';

export function baselinePathFor(folder: string): string {
  return join(folder, DEFAULT_BASELINE_FILE);
}

/** The folder's baseline entries (none when the file is missing); malformed lines are left out. */
export function readBaseline(folder: string): BaselineEntry[] {
  const path = baselinePathFor(folder);
  return existsSync(path) ? parseBaseline(readFileSync(path, 'utf8')).entries : [];
}

/** Adds (or replaces, by fingerprint) one entry and rewrites the file in its canonical order. */
export function addToBaseline(folder: string, entry: BaselineEntry): string {
  const path = baselinePathFor(folder);
  const entries = readBaseline(folder).filter((e) => e.fingerprint !== entry.fingerprint);
  writeFileSync(path, formatBaseline([...entries, entry]));
  return path;
}
