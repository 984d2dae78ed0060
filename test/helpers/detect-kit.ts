import { strict as assert } from 'node:assert';
import { DEFAULT_MIN_CONFIDENCE, scanText, type Finding } from '../../core/detect';

// The detection tests' kit. A snippet is scanned as the file at its path would be (code, docs, tests
// and bundles are judged apart); what a user sees is what clears the default confidence.
export type Snippet = readonly [text: string, path: string];
export const found = (text: string, path: string): Finding[] => scanText(text, { path });
export const shown = (text: string, path: string): string[] => found(text, path).filter((f) => f.confidence >= DEFAULT_MIN_CONFIDENCE).map((f) => f.ruleId);

/** No snippet shows a finding; a failure names the snippet. */
export const assertNoneShown = (cases: readonly Snippet[]): void => cases.forEach(([text, path]) => assert.deepEqual(shown(text, path), [], text));

/** Each snippet is found once (of `ruleId` when given), shown at the default confidence or hidden below it; returns those findings. */
export function assertFoundOnce(cases: readonly Snippet[], expect: { shown: boolean; ruleId?: string }): Finding[] {
  return cases.map(([text, path]) => {
    const fs = found(text, path);
    assert.deepEqual(fs.map((f) => f.ruleId), [expect.ruleId ?? fs[0]?.ruleId ?? 'one finding'], `found once with --min-confidence 0: ${path}: ${text}`);
    assert.equal(fs[0]!.confidence >= DEFAULT_MIN_CONFIDENCE, expect.shown, `${expect.shown ? 'shown' : 'hidden'} at the default confidence: ${path}: ${text}`);
    return fs[0]!;
  });
}

/** The base64url alphabet (JWT segments, Google API key bodies). */
export const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
