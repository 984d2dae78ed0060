/**
 * The only way a secret is ever shown. Long machine credentials keep their recognisable prefix and
 * last two characters (`sk-p…Xy`); shorter values, which are often human passwords, reveal much
 * less, and the shortest nothing but the ellipsis, so a preview never narrows a guess much.
 */
export function mask(value: string): string {
  const chars = Array.from(value);
  if (chars.length >= 24) return `${chars.slice(0, 4).join('')}…${chars.slice(-2).join('')}`;
  if (chars.length >= 16) return `${chars.slice(0, 2).join('')}…${chars.slice(-1).join('')}`;
  return '…';
}
