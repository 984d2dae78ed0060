import { randomBytes, randomInt } from 'node:crypto';
import type { CreatedValue, RotationProvider } from '../types';

export interface GenerateOptions {
  length?: number;
  alphabet?: 'alphanumeric' | 'hex' | 'base64url' | 'printable';
  encoding?: 'none' | 'hex' | 'base64' | 'base64url';
  prefix?: string;
}

const PRINTABLE = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i))
  .filter((c) => c !== '"' && c !== "'" && c !== '\\' && c !== '`')
  .join('');

export const ALPHABETS: Record<NonNullable<GenerateOptions['alphabet']>, string> = {
  alphanumeric: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  hex: '0123456789abcdef',
  base64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
  printable: PRINTABLE,
};

/**
 * A random secret from the OS CSPRNG. Characters come from crypto.randomInt, which rejects and
 * redraws instead of reducing modulo the alphabet size, so every character is equally likely.
 */
export function generateSecret(opts: GenerateOptions = {}): string {
  const length = opts.length ?? 32;
  if (!Number.isInteger(length) || length < 16 || length > 4096) throw new RangeError('length must be an integer from 16 to 4096');
  const encoding = opts.encoding ?? 'none';
  let body: string;
  if (encoding !== 'none') {
    body = randomBytes(length).toString(encoding);
  } else {
    const alphabet = ALPHABETS[opts.alphabet ?? 'alphanumeric'];
    const out: string[] = new Array<string>(length);
    for (let i = 0; i < length; i++) out[i] = alphabet[randomInt(alphabet.length)]!;
    body = out.join('');
  }
  return `${opts.prefix ?? ''}${body}`;
}

export function generateProvider(opts: GenerateOptions): RotationProvider {
  return {
    type: 'generate',
    needsTrust: false,
    async create(): Promise<CreatedValue> {
      return { value: generateSecret(opts) };
    },
  };
}
