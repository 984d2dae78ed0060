import { CONFIDENCE } from '../../judge/confidence';
import { rule } from '../rule';
import type { RuleSamples } from '../samples';
import { INFO } from './info';

// The other fields of a Firebase web config, of an Android app's google-services.json (each client's
// `mobilesdk_app_id` and `android_client_info`) or of an iOS app's GoogleService-Info.plist: two of
// them around the key say the key is that config's.
const FIREBASE_FIELDS = /\b(?:authDomain|projectId|storageBucket|messagingSenderId|appId|measurementId|databaseURL|project_number|firebase_url|mobilesdk_app_id|android_client_info|GOOGLE_APP_ID|GCM_SENDER_ID)\b|\.firebaseapp\.com\b|\.firebaseio\.com\b/g;

/** An `AIza…` key at `at` inside a Firebase web config: the object around it names two more of its fields. */
function firebaseWebKeyAt(text: string, at: number): { start: number; end: number; confidence: number } | null {
  const m = /^AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/.exec(text.slice(at, at + 40));
  if (!m || (at > 0 && /[A-Za-z0-9_-]/.test(text[at - 1]!))) return null;
  // google-services.json holds each app's key as `"api_key": [ { "current_key": "AIza…" } ]`, a
  // structure of that file alone; its other fields may sit far away when a client lists many OAuth clients.
  if (/"api_key"\s*:\s*\[\s*\{\s*"current_key"\s*:\s*"$/.test(text.slice(Math.max(0, at - 80), at))) return { start: at, end: at + 39, confidence: CONFIDENCE.publicByDesign };
  const around = text.slice(Math.max(0, at - 600), Math.min(text.length, at + 640));
  const seen = new Set<string>();
  for (const f of around.matchAll(FIREBASE_FIELDS)) seen.add(f[0].startsWith('.') ? 'domain' : f[0]);
  return seen.size >= 2 ? { start: at, end: at + 39, confidence: CONFIDENCE.publicByDesign } : null;
}

export const firebaseWebApiKey = rule({
  // The web config a Firebase console hands out (`const firebaseConfig = { apiKey: "AIza…",
  // authDomain: "….firebaseapp.com", projectId: … }`) ships in every page of the app, and the
  // Android and iOS configs (google-services.json, GoogleService-Info.plist) in every build. Firebase
  // documents these keys as "public by design": they identify the project; Security Rules, IAM
  // and App Check authorise (https://firebase.google.com/docs/projects/api-keys). The same
  // AIza… key anywhere else stays a Google API key (rules/llm), which may reach Gemini.
  id: 'public/firebase-web-api-key',
  title: 'Firebase web API key (public by design)',
  hint: 'Firebase web keys ship in every page of the app: no need to rotate it. Check in the Cloud console that its API restrictions list only Firebase APIs (not the Generative Language API).',
  anchors: ['AIza'],
  scan: (text, at) => firebaseWebKeyAt(text, at),
  ...INFO,
});

export const samples: RuleSamples = {
  true: [{ in: 'const firebaseConfig = {\n  apiKey: "{value}",\n  authDomain: "demo-app.firebaseapp.com",\n  projectId: "demo-app",\n};', shape: 'AIza[0-9A-Za-z_-]{35}' }],
  false: ['const firebaseConfig = { apiKey: process.env.FIREBASE_API_KEY, authDomain: "demo-app.firebaseapp.com", projectId: "demo-app" };', 'GOOGLE_API_KEY=AIzaxxxxxxxx', 'const firebaseConfig = { apiKey: "AIza-your-key", projectId: "demo" };'],
};
