import { URI } from 'vscode-uri';
import { untitledNameFor } from '../../core/files';

// The only place where URIs become file paths and back.
export function uriToPath(uri: string): string | undefined {
  const u = URI.parse(uri);
  if (u.scheme === 'file') return u.fsPath;
  // Notebook cells and untitled buffers have no path; their format comes from the language id.
  return undefined;
}

export function pathToUri(path: string): string {
  return URI.file(path).toString();
}

/** A path-like name to pick the format handler for documents without a file path. */
export function formatNameFor(uri: string, languageId: string): string {
  const path = uriToPath(uri);
  if (path) return path;
  return untitledNameFor(languageId);
}
