import { randomInt } from 'node:crypto';

// Fake credentials in the real shapes, generated at test time so no key-like value is committed.
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomChars(n: number, alphabet = ALNUM): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}

/** `sk-proj-…T3BlbkFJ…`, the shape of a current OpenAI project key. */
export function fakeOpenAiKey(): string {
  return `sk-proj-${randomChars(74, ALNUM + '_-')}T3BlbkFJ${randomChars(74, ALNUM + '_-')}`;
}

export function fakeAnthropicKey(): string {
  return `sk-ant-api03-${randomChars(93, ALNUM + '_-')}AA`;
}

/** A memorable, low-entropy password that no pattern would flag. */
export function fakeHumanPassword(): string {
  const words = ['maple', 'river', 'copper', 'violet', 'harbor', 'lantern', 'sable', 'quartz'];
  return `${words[randomInt(words.length)]}${words[randomInt(words.length)]}${randomInt(10, 99)}`;
}
