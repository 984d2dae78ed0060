// Fake credentials in real shapes, generated at run time (mirror of test/helpers/fake-keys.ts for
// the plain-JS e2e driver): nothing key-like is ever committed.
import { randomInt } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function chars(n, alphabet = ALNUM) {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}

/** `sk-proj-…T3BlbkFJ…`, the shape of a current OpenAI project key. */
export function fakeOpenAiKey() {
  return `sk-proj-${chars(74, ALNUM + '_-')}T3BlbkFJ${chars(74, ALNUM + '_-')}`;
}

/** `sk-ant-api03-…AA`, the shape of an Anthropic API key. */
export function fakeAnthropicKey() {
  return `sk-ant-api03-${chars(93, ALNUM + '_-')}AA`;
}
