/** WebAssembly text files, assembled by the build (scripts/build.mjs) into base64 of the binary. */
declare module '*.wat' {
  const base64: string;
  export default base64;
}
