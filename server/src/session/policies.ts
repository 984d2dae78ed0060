import type { TextDocument } from 'vscode-languageserver-textdocument';
import { PolicySet } from '../../../core/policy';
import type { PolicyFeatures } from '../policyFeatures';
import { pathToUri } from '../paths';

/** The workspace's policies as the server sees them: an open policy's unsaved text counts, analysed by the editor's cached analysis. */
export function workspacePolicySet(o: { folders: () => string[]; openDoc: (uri: string) => TextDocument | undefined; features: PolicyFeatures; now: () => Date; env?: NodeJS.ProcessEnv }): PolicySet {
  return new PolicySet({
    folders: o.folders,
    openText: (path) => {
      const doc = o.openDoc(pathToUri(path));
      return doc ? { text: doc.getText(), version: doc.version } : undefined;
    },
    analyze: (text, path, version, at) => o.features.analyze(text, path, version, at),
    uriOf: pathToUri,
    now: o.now,
    ...(o.env ? { env: o.env } : {}),
  });
}
