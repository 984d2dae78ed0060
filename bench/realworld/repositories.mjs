// The public repositories of the real-world precision benchmark (issue #11), and its sampling.
// `target`: the three repositories of the target (at most 20 findings in all); the others
// check that the fixes were not fitted to those three.
export const REPOSITORIES = [
  { name: 'continuedev/continue', dir: 'continue', target: true },
  { name: 'langchain-ai/langchainjs', dir: 'langchainjs', target: true },
  { name: 'FlowiseAI/Flowise', dir: 'Flowise', target: true },
  { name: 'anthropics/anthropic-cookbook', dir: 'anthropic-cookbook' },
  { name: 'microsoft/promptflow', dir: 'promptflow' },
  { name: 'langchain-ai/langgraph', dir: 'langgraph' },
  // Read by hand in the session after: findings that were not credentials led to the classes in
  // test/unit/detect/real-code-classes.test.ts ("seen in two repositories read this session").
  { name: 'microsoft/autogen', dir: 'autogen' },
  { name: 'langfuse/langfuse', dir: 'langfuse' },
];

export const SAMPLE_SIZE = 40;

/** A seeded sample (mulberry32), so two runs over the same findings show the same lines. */
export function sample(items, n, seed = 11) {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}
