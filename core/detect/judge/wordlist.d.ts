/** The dictionary file the build writes (scripts/wordlist.mjs): `import file from './words.wordlist'` gives its path. */
declare module '*.wordlist' {
  const path: string;
  export default path;
}
