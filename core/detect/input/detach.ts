/**
 * A copy of `s` that does not keep its source text alive. V8 represents a slice of 13 or more
 * characters as a view into the string it was cut from, so a memo keyed by slices of scanned
 * files would hold every one of those files in memory (60 MB more peak RSS on the benchmark
 * corpus). Memo tables store detached keys.
 */
export function detach(s: string): string {
  // Prepending makes a cons string; slicing it flattens that into a new flat string and views it.
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/**
 * `compute` memoised by its string argument, for judgements repeated across a repository (key
 * names, sample values). Keys are detached (above); the table is emptied when it holds `limit`
 * entries, which bounds memory without bookkeeping on the hot path.
 */
export function memoByText<T>(limit: number, compute: (key: string) => T): (key: string) => T {
  const table = new Map<string, T>();
  return (key) => {
    let v = table.get(key);
    if (v === undefined) {
      if (table.size >= limit) table.clear();
      v = compute(key);
      table.set(detach(key), v);
    }
    return v;
  };
}
