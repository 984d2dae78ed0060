import { CONFIDENCE } from '../confidence';
import { minEntropy } from '../entropy';
import { B, E, rule, type PatternRule } from '../rule';

/**
 * Keys that are public by design (issue #21): shipped to every browser or app that uses them, so
 * they identify a project rather than grant access. Reported as information, below the default
 * threshold (`--min-confidence 0.3` shows them), never as a leak: a PostHog project key in
 * `telemetry.py` was 21 of the 27 credential-like findings on six untuned repositories. Their
 * secret siblings (PostHog personal keys, Stripe secret keys) keep rules of their own.
 */
const INFO = {
  severity: 'info' as const,
  confidence: CONFIDENCE.publicByDesign,
};

export const publicByDesignRules: PatternRule[] = [
  rule({
    id: 'public/posthog-project-key',
    title: 'PostHog project API key (public by design)',
    hint: 'PostHog project keys are sent to every browser that loads the snippet: no need to rotate it. Check it is not a personal key (phx_).',
    anchors: ['phc_'],
    pattern: new RegExp(`${B}(?<v>phc_[A-Za-z0-9]{32,64})${E}`),
    validate: minEntropy(3.5, CONFIDENCE.publicByDesign),
    ...INFO,
  }),
  rule({
    id: 'secret/posthog-personal-key',
    title: 'PostHog personal API key',
    envVar: 'POSTHOG_PERSONAL_API_KEY',
    anchors: ['phx_'],
    pattern: new RegExp(`${B}(?<v>phx_[A-Za-z0-9]{32,64})${E}`),
    validate: minEntropy(3.5),
  }),
  rule({
    id: 'public/stripe-publishable-key',
    title: 'Stripe publishable key (public by design)',
    hint: 'Publishable keys are meant for the browser: no need to rotate it. Keep the secret key (sk_) out of files.',
    anchors: ['pk_live_', 'pk_test_'],
    pattern: new RegExp(`${B}(?<v>pk_(?:live|test)_[A-Za-z0-9]{20,247})${E}`),
    validate: minEntropy(3, CONFIDENCE.publicByDesign),
    ...INFO,
  }),
  rule({
    // https://<public key>@o<org>.ingest.sentry.io/<project>: the DSN's key only lets a client send
    // events, and every browser bundle that reports errors holds it.
    id: 'public/sentry-dsn',
    title: 'Sentry DSN (public by design)',
    hint: 'A Sentry DSN only lets a client send events and ships in every bundle that reports errors: no need to rotate it.',
    anchors: ['.sentry.io/', '@sentry.io/'],
    scan: (text, at) => sentryKeyBefore(text, at),
    ...INFO,
  }),
  rule({
    // The web config a Firebase console hands out (`const firebaseConfig = { apiKey: "AIza…",
    // authDomain: "….firebaseapp.com", projectId: … }`) ships in every page of the app. Firebase
    // documents these keys as "public by design": they identify the project; Security Rules, IAM
    // and App Check authorise (https://firebase.google.com/docs/projects/api-keys). The same
    // AIza… key anywhere else stays a Google API key (rules/llm.ts), which may reach Gemini.
    id: 'public/firebase-web-api-key',
    title: 'Firebase web API key (public by design)',
    hint: 'Firebase web keys ship in every page of the app: no need to rotate it. Check in the Cloud console that its API restrictions list only Firebase APIs (not the Generative Language API).',
    anchors: ['AIza'],
    scan: (text, at) => firebaseWebKeyAt(text, at),
    ...INFO,
  }),
];

// The other fields of a Firebase web config (or of google-services.json): two of them around the
// key say the key is that config's.
const FIREBASE_FIELDS = /\b(?:authDomain|projectId|storageBucket|messagingSenderId|appId|measurementId|databaseURL|project_number|firebase_url|mobilesdk_app_id)\b|\.firebaseapp\.com\b|\.firebaseio\.com\b/g;

/** An `AIza…` key at `at` inside a Firebase web config: the object around it names two more of its fields. */
function firebaseWebKeyAt(text: string, at: number): { start: number; end: number; confidence: number } | null {
  const m = /^AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/.exec(text.slice(at, at + 40));
  if (!m || (at > 0 && /[A-Za-z0-9_-]/.test(text[at - 1]!))) return null;
  const around = text.slice(Math.max(0, at - 600), Math.min(text.length, at + 640));
  const seen = new Set<string>();
  for (const f of around.matchAll(FIREBASE_FIELDS)) seen.add(f[0].startsWith('.') ? 'domain' : f[0]);
  return seen.size >= 2 ? { start: at, end: at + 39, confidence: CONFIDENCE.publicByDesign } : null;
}

/** The 32-hex public key of `https://KEY@….sentry.io/N`, found back from the host at `at`. */
function sentryKeyBefore(text: string, at: number): { start: number; end: number; confidence: number } | null {
  const from = Math.max(0, at - 120);
  const m = /https?:\/\/([0-9a-f]{32})(?:@[a-z0-9.-]*)?$/.exec(text.slice(from, at));
  if (!m) return null;
  const start = from + m.index + m[0].indexOf(m[1]!);
  return { start, end: start + 32, confidence: CONFIDENCE.publicByDesign };
}
