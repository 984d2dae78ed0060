import { isMadeOfWords } from '../../judge/words';
import { E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const artifactoryApiKey = rule({
  id: 'secret/artifactory-token',
  title: 'JFrog Artifactory API key',
  envVar: 'ARTIFACTORY_TOKEN',
  // The third character is part of the anchor, so `API_KEY` and `APP` never reach the regex.
  anchors: [...'0123456789ABCDEF'].map((c) => `AP${c}`),
  // Three letters anchor it, so it starts a token only after a blank, a quote, `=`, a bracket or a
  // user name's colon (`curl -u admin:AP6…`), as detect-secrets' rule asks: after a label that
  // ends in a digit (`hk1:AP3…`, `ed25519:AP7…`: our own ledger's fingerprints and signer keys) or
  // a `-` inside base64url it is chance, about one 50-entry ledger in 130 before this boundary.
  pattern: new RegExp(`(?<=^|[\\s="'\`,(\\[]|[A-Za-z_]:)(?<v>AP[0-9ABCDEF][A-Za-z0-9]{8,})${E}`),
  confidence: 0.7,
  // Under a field named `id` (`"id": "APCp9GPN…"`: an n8n workflow's, any record's) the value
  // is the record's identifier: ids are drawn from the same letters and digits, one in about 15,000 with
  // this opening, and a password is never stored as a record's id.
  validate: (v, m) => (v.length >= 10 && /[0-9]/.test(v.slice(3)) && /[a-z]/.test(v) && !UNDER_ID.test(m.input.slice(Math.max(0, m.index - 8), m.index)) && !wordsAndNumberAfterPrefix(v) ? 0.7 : null),
});

/**
 * The letters after the opening `AP` and hex digit spell capitalised words of a language, then a
 * number (`APCWaypoint1`, `APCUnloadPoint2`: a map's actor named for what it is, a unit's acronym
 * and its place, in a game's map file and script). A drawn body mixes cases and digits at random:
 * one capital opening each run of lower-case letters, digits only at the end, and the runs words of
 * a language, come together about once in 10^7 draws for the shortest such body (six letters and a
 * digit), far more rarely for longer ones.
 */
function wordsAndNumberAfterPrefix(v: string): boolean {
  const body = /^AP[0-9A-F]((?:[A-Z][a-z]{2,}){1,3})\d{1,3}$/.exec(v);
  return !!body && body[1]!.length >= 6 && isMadeOfWords(body[1]!);
}

/** The end of `"id": "`, `id: `, `id=`: what precedes a value of a field named `id`. */
const UNDER_ID = /(?:^|[^A-Za-z0-9_])["']?id["']?\s*[:=]\s*["']?$/i;

export const samples: RuleSamples = {
  true: [OWN_PATTERN, { in: '{"password":"{value}"}', path: 'settings.json' }],
  false: ["if (token.startsWith('AP4')) {", 'AP4xxxxxxxxxxxx'],
};
