// The public repositories of the real-world precision benchmark (issues #11 and #21), and its sampling.
// `target`: the three repositories of issue #11's target (at most 20 findings in all).
// `tuned`: rules were fitted while reading this repository's findings (issue #11 and the session
// after); the others are the pool of issue #21, judged on code nobody tuned the rules on.
// `kind`: what sort of repository it is, so the pool covers the shapes detection meets.
export const REPOSITORIES = [
  { name: 'continuedev/continue', dir: 'continue', target: true, tuned: true, kind: 'TypeScript app (editor extension)' },
  { name: 'langchain-ai/langchainjs', dir: 'langchainjs', target: true, tuned: true, kind: 'TypeScript LLM framework monorepo' },
  { name: 'FlowiseAI/Flowise', dir: 'Flowise', target: true, tuned: true, kind: 'TypeScript app with compose files' },
  { name: 'anthropics/anthropic-cookbook', dir: 'anthropic-cookbook', tuned: true, kind: 'notebooks / cookbook' },
  { name: 'langchain-ai/langgraph', dir: 'langgraph', tuned: true, kind: 'Python LLM framework' },
  { name: 'langfuse/langfuse', dir: 'langfuse', tuned: true, kind: 'TypeScript app with compose files' },
  // Issue #21's pool: nobody tuned on these before measuring them.
  { name: 'mem0ai/mem0', dir: 'mem0', kind: 'Python memory library, docs, compose files' },
  { name: 'stanfordnlp/dspy', dir: 'dspy', kind: 'Python prompt-programming library' },
  { name: 'vercel/ai', dir: 'ai', kind: 'TypeScript SDK monorepo' },
  { name: 'crewAIInc/crewAI', dir: 'crewAI', kind: 'Python agents framework, translated docs' },
  { name: 'deepset-ai/haystack', dir: 'haystack', kind: 'Python LLM framework' },
  { name: 'chroma-core/chroma', dir: 'chroma', kind: 'vector database (Rust, Python, TypeScript), compose files' },
  { name: 'qdrant/qdrant-client', dir: 'qdrant-client', kind: 'Python SDK' },
  { name: 'pydantic/pydantic-ai', dir: 'pydantic-ai', kind: 'Python agents framework, VCR cassettes' },
  { name: 'getzep/graphiti', dir: 'graphiti', kind: 'Python library, compose files' },
  { name: 'infiniflow/ragflow', dir: 'ragflow', kind: 'app with compose files, translated docs' },
  { name: 'microsoft/semantic-kernel', dir: 'semantic-kernel', kind: 'SDK monorepo (.NET, Python, Java), notebooks' },
  { name: 'huggingface/smolagents', dir: 'smolagents', kind: 'Python agents library, translated docs' },
  { name: 'google-gemini/cookbook', dir: 'cookbook', kind: 'notebooks / cookbook' },
  { name: '567-labs/instructor', dir: 'instructor', kind: 'Python library, docs site' },
  { name: 'agno-agi/agno', dir: 'agno', kind: 'Python agents framework, cookbook' },
  { name: 'langgenius/dify-docs', dir: 'dify-docs', kind: 'docs site, translations and versioned copies' },
  { name: 'weaviate/weaviate-python-client', dir: 'weaviate-python-client', kind: 'Python SDK, compose files for tests' },
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
