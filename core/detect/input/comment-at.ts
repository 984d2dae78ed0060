import { formatForLanguage, formatOf } from '../../files/file-formats';
import { regionsOf } from './regions';

/**
 * The line-comment syntax at `offset` of a file, for the allow marker the editor writes: the file
 * format's, except inside a script element of an HTML page or a single-file component, where the
 * text is JavaScript and a markup comment (`<!-- … -->`) would be a syntax error.
 */
export function commentSyntaxAt(path: string, text: string, offset: number): readonly [string, string] | undefined {
  const format = formatOf(path);
  if (format.kind !== 'markup' && format.kind !== 'component') return format.comment;
  const inScript = regionsOf(text, path).some((r) => r.start <= offset && offset < r.end && r.code === 'program');
  return inScript ? formatForLanguage('javascript')!.comment : format.comment;
}
