// Exposes the rule anchors to detect.bench.mjs, which hands the same list to ripgrep.
export { ALL_RULES } from '../../server/src/core/detect/rules/all';
export { GENERIC_KEYWORDS } from '../../server/src/core/detect/generic';
