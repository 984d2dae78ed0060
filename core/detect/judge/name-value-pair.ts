/**
 * The value of a name/value pair, where a list of variables is written as records: Kubernetes'
 * `EnvVar` (`- name: API_KEY` and then `value: …`, kubernetes.io API reference, "EnvVar"), Amazon
 * ECS's task definitions and CloudFormation's `KeyValuePair` (`{"name": "API_KEY", "value": "…"}`,
 * `Name:`/`Value:`), Azure's app settings (`{"name": …, "value": …}`). The credential's name is the
 * `name` member's value; the value is the `value` member of the same record. A `valueFrom`
 * (a `secretKeyRef`) is a reference, not a value, and is passed over.
 *
 * Asked only where the generic detector found a credential word with no value after it.
 */
export interface PairSpan {
  start: number;
  end: number;
  quoted: boolean;
}

/** Is the credential word at `s` the value of a record's `name` member (YAML or JSON)? */
export function isPairName(text: string, s: number): boolean {
  const line = text.lastIndexOf('\n', s - 1) + 1;
  if (s - line > 120) return false;
  const before = text.slice(line, s);
  return YAML_NAME.test(before) || JSON_NAME.test(before);
}

const YAML_NAME = /^([ \t]*)(-[ \t]+)?([Nn]ame):[ \t]*(["']?)$/;
const JSON_NAME = /"([Nn]ame)"\s*:\s*"$/;

/**
 * The span of the `value` member in the record whose `name` member ends at `e`, or null. `read`
 * reads a value at an offset as the detector reads any (quoted or plain, to the end of its line).
 */
export function pairValue(text: string, s: number, e: number, read: (at: number) => PairSpan | null): PairSpan | null {
  const line = text.lastIndexOf('\n', s - 1) + 1;
  const before = text.slice(line, s);
  const yaml = YAML_NAME.exec(before);
  if (yaml) {
    const column = yaml[1]!.length + (yaml[2]?.length ?? 0);
    const valueKey = yaml[3] === 'Name' ? 'Value' : 'value';
    // The rest of the name's line holds its closing quote at most, or a comment.
    let at = e;
    if (yaml[4] && text[at] === yaml[4]) at++;
    const eol = text.indexOf('\n', at);
    if (eol < 0 || !/^[ \t]*(?:#.*)?\r?$/.test(text.slice(at, eol))) return null;
    // The record's other members: lines at the name's column, up to four, until the record ends.
    let next = eol + 1;
    for (let n = 0; n < 4 && next < text.length; n++) {
      const end = text.indexOf('\n', next);
      const row = text.slice(next, end < 0 ? text.length : end);
      const indent = /^[ \t]*/.exec(row)![0].length;
      if (indent !== column || row[indent] === '-') return null; // the record ended, or the next one began
      const member = /^([A-Za-z_][\w-]*):[ \t]*/.exec(row.slice(indent));
      if (!member) return null;
      if (member[1] === valueKey) return read(next + indent + member[0].length);
      if (end < 0) return null;
      next = end + 1;
    }
    return null;
  }
  const json = JSON_NAME.exec(before);
  if (!json || text[e] !== '"') return null;
  const valueKey = json[1] === 'Name' ? 'Value' : 'value';
  const member = new RegExp(`^\\s*,\\s*"${valueKey}"\\s*:\\s*(?=")`).exec(text.slice(e + 1, e + 200));
  return member ? read(e + 1 + member[0].length) : null;
}
