import { CONFIDENCE } from '../../judge/confidence';
import { rule } from '../rule';
import type { RuleSamples } from '../samples';
import { INFO } from './info';

/** The 32-hex public key of `https://KEY@….sentry.io/N`, found back from the host at `at`. */
function sentryKeyBefore(text: string, at: number): { start: number; end: number; confidence: number } | null {
  const from = Math.max(0, at - 120);
  const m = /https?:\/\/([0-9a-f]{32})(?:@[a-z0-9.-]*)?$/.exec(text.slice(from, at));
  if (!m) return null;
  const start = from + m.index + m[0].indexOf(m[1]!);
  return { start, end: start + 32, confidence: CONFIDENCE.publicByDesign };
}


export const sentryDsn = rule({
  // https://<public key>@o<org>.ingest.sentry.io/<project>: the DSN's key only lets a client send
  // events, and every browser bundle that reports errors holds it.
  id: 'public/sentry-dsn',
  title: 'Sentry DSN (public by design)',
  hint: 'A Sentry DSN only lets a client send events and ships in every bundle that reports errors: no need to rotate it.',
  anchors: ['.sentry.io/', '@sentry.io/'],
  scan: (text, at) => sentryKeyBefore(text, at),
  ...INFO,
});

export const samples: RuleSamples = {
  true: [{ in: 'SENTRY_DSN = "https://{value}@o123456.ingest.sentry.io/4504"', shape: '[0-9a-f]{32}' }],
  false: ['SENTRY_DSN = "https://<key>@o0.ingest.sentry.io/0"', 'see https://docs.sentry.io/platforms/', 'https://sentry.io/'],
};
