import { randomInt } from 'node:crypto';

/**
 * The one generator of synthetic credentials for every test level (unit, lsp, integration, e2e —
 * the e2e driver's test/e2e/lib/fake-keys.mjs re-exports the built copy of this file). Keys are
 * made at test time from a shape, a regular-expression source, so no key-like literal is ever
 * committed. A shape is a provider's real format; test/unit/detect/fake-keys.test.ts checks that
 * each named shape below is found by the rule it imitates, and the rules' own samples
 * (core/detect/rules) are generated from their patterns by `fromPattern`. None of them is a real key.
 */

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A source of integers in [0, n): crypto-random by default, seeded for reproducible samples. */
export type Pick = (n: number) => number;

const cryptoPick: Pick = (n) => randomInt(n);

/** A reproducible pick (mulberry32): a rule's samples are the same on every run, so a failure repeats. */
export function seededPick(seed: string): Pick {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
  let a = h >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

export function randomChars(n: number, alphabet = ALNUM, pick: Pick = cryptoPick): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[pick(alphabet.length)];
  return s;
}

/** The short name the detection tests use. */
export const rand = randomChars;

/**
 * A string matching the regular-expression source `source`, for the subset rules are written in:
 * literals, escapes, classes (also negated), groups, alternations, quantifiers. Lookbehinds that
 * must hold (`(?<=…)`) are generated, since their text precedes the match; negative lookarounds
 * and lookaheads are skipped. Ranges `{n,m}` take a length between n and n + 100, so a body is
 * long enough for the length-judging rules; `?` takes its part, `*` none, `+` one.
 */
export function fromPattern(source: string, pick: Pick = cryptoPick): string {
  const p = new PatternWriter(source, pick);
  const out = p.alternation();
  if (p.i < source.length) throw new Error(`fromPattern: unexpected '${source[p.i]}' at ${p.i} of ${source}`);
  return out;
}

class PatternWriter {
  i = 0;
  constructor(
    private readonly s: string,
    private readonly pick: Pick,
  ) {}

  alternation(): string {
    const options = [this.sequence()];
    while (this.s[this.i] === '|') {
      this.i++;
      options.push(this.sequence());
    }
    return options[this.pick(options.length)]!;
  }

  private sequence(): string {
    let out = '';
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') {
      const atom = this.atom();
      out += this.repeat(atom);
    }
    return out;
  }

  /** One atom as a generator (called once per repetition), or null for a skipped lookaround. */
  private atom(): (() => string) | null {
    const c = this.s[this.i]!;
    if (c === '(') return this.group();
    if (c === '[') return this.charClass();
    if (c === '\\') {
      const set = this.escape();
      return () => set[this.pick(set.length)]!;
    }
    this.i++;
    if (c === '.') return () => ALNUM[this.pick(ALNUM.length)]!;
    if (c === '^' || c === '$') return () => '';
    return () => c;
  }

  private group(): (() => string) | null {
    const rest = this.s.slice(this.i);
    const kind = /^\((\?<=|\?<!|\?=|\?!|\?:|\?<[A-Za-z]\w*>)?/.exec(rest)![1] ?? '';
    this.i += 1 + kind.length;
    const start = this.i;
    this.alternation();
    const end = this.i;
    if (this.s[this.i] !== ')') throw new Error(`fromPattern: unclosed group in ${this.s}`);
    this.i++;
    if (kind === '?<!' || kind === '?=' || kind === '?!') return null;
    const body = this.s.slice(start, end);
    return () => new PatternWriter(body, this.pick).alternation();
  }

  private charClass(): () => string {
    this.i++;
    const negated = this.s[this.i] === '^';
    if (negated) this.i++;
    const chars = new Set<string>();
    let first = true;
    while (this.i < this.s.length && (this.s[this.i] !== ']' || first)) {
      first = false;
      let from: string[];
      if (this.s[this.i] === '\\') from = this.escape();
      else from = [this.s[this.i++]!];
      if (from.length === 1 && this.s[this.i] === '-' && this.s[this.i + 1] !== ']' && this.i + 1 < this.s.length) {
        this.i++;
        const to = this.s[this.i] === '\\' ? this.escape() : [this.s[this.i++]!];
        for (let k = from[0]!.charCodeAt(0); k <= to[0]!.charCodeAt(0); k++) chars.add(String.fromCharCode(k));
      } else for (const f of from) chars.add(f);
    }
    this.i++;
    const set = negated ? [...ALNUM].filter((ch) => !chars.has(ch)) : [...chars];
    if (!set.length) throw new Error(`fromPattern: empty class in ${this.s}`);
    return () => set[this.pick(set.length)]!;
  }

  /** The characters an escape stands for (its first one for a literal). */
  private escape(): string[] {
    const e = this.s[this.i + 1]!;
    this.i += 2;
    if (e === 'd') return [...'0123456789'];
    if (e === 'w') return [...(ALNUM + '_')];
    if (e === 's') return [' '];
    if (e === 'S') return [...ALNUM];
    if (e === 'b' || e === 'B') return [''];
    if (e === 't') return ['\t'];
    if (e === 'n') return ['\n'];
    if (e === 'x') {
      const hex = this.s.slice(this.i, this.i + 2);
      this.i += 2;
      return [String.fromCharCode(parseInt(hex, 16))];
    }
    return [e];
  }

  private repeat(atom: (() => string) | null): string {
    const q = /^(?:\{(\d+)(,(\d*))?\}|([?*+]))\??/.exec(this.s.slice(this.i));
    let min = 1;
    let max = 1;
    if (q) {
      this.i += q[0].length;
      if (q[4] === '?') [min, max] = [1, 1];
      else if (q[4] === '*') [min, max] = [0, 0];
      else if (q[4] === '+') [min, max] = [1, 1];
      else {
        min = Number(q[1]);
        max = q[2] ? (q[3] ? Number(q[3]) : min + 8) : min;
      }
    }
    if (!atom) return '';
    // Bodies of 40 to 300 characters get about 140: long enough for the rules that judge length.
    const n = min === 0 ? 0 : min + Math.floor((Math.min(max, min + 200) - min) / 2);
    let out = '';
    for (let k = 0; k < n; k++) out += atom();
    return out;
  }
}

/** A value generated from a shape (a regular-expression source). */
export const fromShape = (shape: string, pick: Pick = cryptoPick): string => fromPattern(shape, pick);

/**
 * The named shapes, each the format of one provider's key; the rule id each one must be found by
 * is checked in test/unit/detect/fake-keys.test.ts.
 */
export const SHAPES = {
  openaiProject: { rule: 'secret/openai-api-key', shape: 'sk-proj-[A-Za-z0-9_-]{74}T3BlbkFJ[A-Za-z0-9_-]{74}' },
  openaiLegacy: { rule: 'secret/openai-api-key', shape: 'sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}' },
  anthropic: { rule: 'secret/anthropic-api-key', shape: 'sk-ant-api03-[A-Za-z0-9_-]{93}AA' },
  anthropicAdmin: { rule: 'secret/anthropic-admin-key', shape: 'sk-ant-admin01-[A-Za-z0-9_-]{93}AA' },
  google: { rule: 'secret/google-api-key', shape: 'AIza[A-Za-z0-9_-]{35}' },
  huggingface: { rule: 'secret/huggingface-token', shape: 'hf_[A-Za-z]{34}' },
  groq: { rule: 'secret/groq-api-key', shape: 'gsk_[A-Za-z0-9]{52}' },
  replicate: { rule: 'secret/replicate-api-token', shape: 'r8_[A-Za-z0-9]{37}' },
  perplexity: { rule: 'secret/perplexity-api-key', shape: 'pplx-[A-Za-z0-9]{48}' },
  xai: { rule: 'secret/xai-api-key', shape: 'xai-[A-Za-z0-9]{80}' },
  openrouter: { rule: 'secret/openrouter-api-key', shape: 'sk-or-v1-[a-f0-9]{64}' },
  langsmith: { rule: 'secret/langsmith-api-key', shape: 'lsv2_pt_[a-f0-9]{32}_[a-f0-9]{10}' },
  langfuseSecret: { rule: 'secret/langfuse-secret-key', shape: 'sk-lf-[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[a-f0-9]{4}-[a-f0-9]{12}' },
  pinecone: { rule: 'secret/pinecone-api-key', shape: 'pcsk_[A-Za-z0-9]{6}_[A-Za-z0-9]{70}' },
  githubPat: { rule: 'secret/github-token', shape: 'ghp_[A-Za-z0-9]{36}' },
  githubFineGrained: { rule: 'secret/github-token', shape: 'github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}' },
  gitlab: { rule: 'secret/gitlab-token', shape: 'glpat-[A-Za-z0-9_-]{20}' },
  awsKeyId: { rule: 'secret/aws-access-key-id', shape: 'AKIA[A-Z2-7]{16}' },
  slackBot: { rule: 'secret/slack-token', shape: 'xoxb-[0-9]{12}-[0-9]{13}-[A-Za-z0-9]{24}' },
  stripe: { rule: 'secret/stripe-key', shape: 'sk_live_[A-Za-z0-9]{24}' },
  sendgrid: { rule: 'secret/sendgrid-api-key', shape: 'SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}' },
  npm: { rule: 'secret/npm-token', shape: 'npm_[A-Za-z0-9]{36}' },
  dockerHub: { rule: 'secret/docker-hub-token', shape: 'dckr_pat_[A-Za-z0-9_-]{27}' },
} as const;

export type ShapeName = keyof typeof SHAPES;

export const fake = {
  ...(Object.fromEntries(Object.entries(SHAPES).map(([name, s]) => [name, () => fromShape(s.shape)])) as Record<ShapeName, () => string>),
  /** 40 characters of base64 with no prefix: found only by its name (`aws_secret_access_key`). */
  awsSecret: () => randomChars(40, ALNUM + '/+'),
  /** A password typed by a person, with a symbol and digits. */
  password: () => `${randomChars(6, ALPHA)}!${randomChars(4, '0123456789')}${randomChars(5)}`,
};

/** `sk-proj-…T3BlbkFJ…`, the shape of a current OpenAI project key. */
export const fakeOpenAiKey = fake.openaiProject;

/** `sk-ant-api03-…AA`, the shape of an Anthropic API key. */
export const fakeAnthropicKey = fake.anthropic;

/** A memorable, low-entropy password that no pattern would flag. */
export function fakeHumanPassword(): string {
  const words = ['maple', 'river', 'copper', 'violet', 'harbor', 'lantern', 'sable', 'quartz'];
  return `${words[randomInt(words.length)]}${words[randomInt(words.length)]}${randomInt(10, 99)}`;
}
