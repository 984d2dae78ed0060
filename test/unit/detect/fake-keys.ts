import { randomBytes } from 'node:crypto';

/**
 * Fake credentials in real provider formats, built at test time from random bytes so no key-like
 * literal is ever committed. None of them is a real key.
 */
const AN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const AL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const HEX = '0123456789abcdef';
const UP = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function rand(n: number, alphabet = AN): string {
  const bytes = randomBytes(n);
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[bytes[i]! % alphabet.length];
  return s;
}

export const fake = {
  openaiProject: () => `sk-proj-${rand(74, AN + '_-')}T3BlbkFJ${rand(73, AN + '_-')}A`,
  openaiLegacy: () => `sk-${rand(20)}T3BlbkFJ${rand(20)}`,
  anthropic: () => `sk-ant-api03-${rand(93, AN + '_-')}AA`,
  anthropicAdmin: () => `sk-ant-admin01-${rand(93, AN + '_-')}AA`,
  google: () => `AIza${rand(35, AN + '_-')}`,
  huggingface: () => `hf_${rand(34, AL)}`,
  groq: () => `gsk_${rand(52)}`,
  replicate: () => `r8_${rand(37)}`,
  perplexity: () => `pplx-${rand(48)}`,
  xai: () => `xai-${rand(80)}`,
  openrouter: () => `sk-or-v1-${rand(64, HEX)}`,
  langsmith: () => `lsv2_pt_${rand(32, HEX)}_${rand(10, HEX)}`,
  langfuseSecret: () => `sk-lf-${rand(8, HEX)}-${rand(4, HEX)}-4${rand(3, HEX)}-${rand(4, HEX)}-${rand(12, HEX)}`,
  pinecone: () => `pcsk_${rand(6)}_${rand(70)}`,
  githubPat: () => `ghp_${rand(36)}`,
  githubFineGrained: () => `github_pat_${rand(22)}_${rand(59)}`,
  gitlab: () => `glpat-${rand(20, AN + '_-')}`,
  awsKeyId: () => `AKIA${rand(16, UP)}`,
  awsSecret: () => rand(40, AN + '/+'),
  slackBot: () => `xoxb-${rand(12, '0123456789')}-${rand(13, '0123456789')}-${rand(24)}`,
  stripe: () => `sk_live_${rand(24)}`,
  sendgrid: () => `SG.${rand(22, AN + '_-')}.${rand(43, AN + '_-')}`,
  npm: () => `npm_${rand(36)}`,
  dockerHub: () => `dckr_pat_${rand(27, AN + '_-')}`,
  password: () => `${rand(6, AL)}!${rand(4, '0123456789')}${rand(5)}`,
};
