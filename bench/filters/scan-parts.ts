// The engine's passes over one text, each callable alone (bench/filters/scan-parts.mjs times them
// in process on the proxy bench's fresh 10 KB bodies), beside what the proxy adds around them.
import { enginePasses, findInText, RedactionSession, redactJsonText } from '../../core/filter';

export { viewCoverage } from '../../core/filter';

export const parts: Record<string, (text: string) => unknown> = {
  ...enginePasses,
  'findInText, fresh session (+ clean digest)': (t) => findInText(t, new RedactionSession()),
  'raw JSON body, fresh session (+ JSON.stringify of the body)': (t) => redactJsonText(JSON.stringify({ model: 'm', messages: [{ role: 'user', content: t }] }), new RedactionSession()),
};
