import { ALL_RULES, buildPrefilter, GENERIC_KEYWORDS, rawMatches, type KnownSecrets, type Prefilter } from '../detect/index';

/**
 * Whether a text holds none of the literals detection starts a match at. Detection's matching
 * pass (core/detect, rules/engine.ts) runs a rule only where one of its anchors occurs, the generic
 * assignment judge only where a GENERIC_KEYWORDS word does, and the Kubernetes Secret reader only
 * after a `kind:` key; nothing else adds a match but a policy's known values. So a text that holds
 * none of these literals (in the case each is matched in) gives no match, and the glue scan, whose
 * prefixes are rule anchors, finds nothing either: findSecrets skips both passes for it. What
 * decoding can reveal (escapes, base64, a key wrapped across lines) still goes through the view,
 * the decoded runs and the wrapped-key joins as before; only detection on the text as written is
 * proven empty. Exact, not a guess: test/unit/filter/anchor-free.property.test.ts holds the
 * answer to the engine's on random and ordinary texts.
 */
let cached: Prefilter<true> | undefined;

/** Every literal detection's matching pass starts at, each in the case it is matched in. */
export function detectionLiterals(): Array<{ literal: string; ignoreCase: boolean }> {
  return [
    ...ALL_RULES.flatMap((r) => r.anchors.map((literal) => ({ literal, ignoreCase: !!r.anchorsIgnoreCase }))),
    ...GENERIC_KEYWORDS.map((literal) => ({ literal, ignoreCase: true })),
    { literal: 'kind:', ignoreCase: true },
  ];
}

/**
 * True when `text` holds no detection literal. Asked for texts of any length: the prefilter stops
 * at the first literal (`Prefilter.any`), and most texts that hold one hold it early (`key`,
 * `auth`, `token`), so the question costs a pass only where its answer saves
 * detection's (roles, ids, model names, finish reasons, prose without a credential word).
 */
export function anchorFree(text: string): boolean {
  cached ??= buildPrefilter(detectionLiterals().map((a) => ({ ...a, item: true as const })));
  return !cached.any(text);
}

/**
 * Whether detection (`rawMatches(text, opts)`) can find anything in `text`: false only for a text
 * without a detection literal, scanned without known values (a policy's current value is matched
 * wherever it stands, anchor or not).
 */
export function detectionMayMatch(text: string, opts: { knownSecrets?: KnownSecrets }): boolean {
  return opts.knownSecrets !== undefined || !anchorFree(text);
}

/**
 * `rawMatches(text, opts)`, without its call for a text detection cannot match in: the filter's
 * other detection calls (a wrapped line joined to the next, a decoded base64 run, a window of the
 * view) go through here. Each rawMatches call has a fixed cost of several microseconds (the rule
 * tables' reset, the format's judgements), which the line joins of a 10 KB body paid a few times
 * over for candidates such as `rotation-guard-0.1.0-linux-x64.vsix` + `npm`.
 */
export function matchesIn(text: string, opts: Parameters<typeof rawMatches>[1]): ReturnType<typeof rawMatches> {
  return detectionMayMatch(text, opts) ? rawMatches(text, opts) : [];
}
