/**
 * The only way a secret is ever shown: the first four and last two characters around an ellipsis,
 * and nothing but the ellipsis for values too short to keep anything hidden.
 */
export function mask(value: string): string {
  const chars = Array.from(value);
  if (chars.length < 12) return '…';
  return `${chars.slice(0, 4).join('')}…${chars.slice(-2).join('')}`;
}
