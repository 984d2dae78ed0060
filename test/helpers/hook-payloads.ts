import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fake } from './fake-keys';

const FIXTURES = resolve('test/fixtures/hooks');

export interface PayloadPair {
  assistant: string;
  fixture: string;
  /** Holds a key the hook must act on: in the payload, or (a file read, a referenced @file) in `config/key.env`, which the caller writes. */
  withKey: string;
  /** The same payload with ordinary words and `config/app.env`. */
  without: string;
}

/**
 * Every documented payload under test/fixtures/hooks, filled in for the project at `root`, as a
 * pair that must get different answers. Cursor's file-read payload carries the file's content, so
 * its key is in the payload; the other assistants' reads name `config/key.env`.
 */
export function documentedPayloadPairs(root: string): PayloadPair[] {
  const pairs: PayloadPair[] = [];
  for (const assistant of readdirSync(FIXTURES).filter((d) => !d.includes('.'))) {
    for (const fixture of readdirSync(join(FIXTURES, assistant))) {
      const reads = /read|at-file/.test(fixture);
      const fill = (key: string, file: string) => readFileSync(join(FIXTURES, assistant, fixture), 'utf8').replaceAll('{{KEY}}', key).replaceAll('{{ROOT}}', root).replaceAll('{{FILE}}', file);
      pairs.push({
        assistant,
        fixture,
        withKey: fill(reads && assistant !== 'cursor' ? 'plain words' : fake.githubPat(), reads ? 'config/key.env' : 'config/app.env'),
        without: fill('the staging database', 'config/app.env'),
      });
    }
  }
  return pairs;
}
