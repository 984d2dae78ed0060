/**
 * Environment variable names a policy may not give a secret. A policy's env var names are written
 * into env files (env-file stores) and exported to children (`rotation-guard run`, the editor's
 * terminals); a hostile policy naming `LD_PRELOAD` with a `generate` prefix of `/tmp/evil.so:`
 * would make every program started from that env load the attacker's library. These are the names
 * that change which code a loader, runtime or shell runs, rather than configuring an application.
 * One table; `policy/reserved-env-var` reports them and the rotation plan refuses them.
 */

/** Exact names (compared in upper case: Windows environments ignore case). */
const RESERVED_NAMES = new Set([
  // Shells and the program search path
  'PATH', 'BASH_ENV', 'ENV', 'SHELLOPTS', 'BASHOPTS', 'PROMPT_COMMAND', 'PS4', 'IFS', 'CDPATH', 'GLOBIGNORE', 'SHELL', 'HOME', 'ZDOTDIR',
  // Dynamic loaders (glibc's LD_* and macOS's DYLD_* are prefixes below)
  'GCONV_PATH', 'LOCPATH', 'NLSPATH', 'HOSTALIASES', 'RES_OPTIONS', 'MALLOC_CHECK_', 'TMPDIR',
  // Language runtimes that load code or options from the environment
  'NODE_OPTIONS', 'NODE_PATH', 'NODE_EXTRA_CA_CERTS', 'NODE_TLS_REJECT_UNAUTHORIZED',
  'PYTHONPATH', 'PYTHONHOME', 'PYTHONSTARTUP', 'PYTHONINSPECT', 'PYTHONWARNINGS', 'PYTHONBREAKPOINT', 'PYTHONUSERBASE',
  'PERL5LIB', 'PERLLIB', 'PERL5OPT', 'PERL5DB', 'RUBYLIB', 'RUBYOPT', 'GEM_HOME', 'GEM_PATH',
  'JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS', 'JDK_JAVA_OPTIONS', 'CLASSPATH', 'DOTNET_STARTUP_HOOKS', 'CORECLR_PROFILER_PATH', 'COR_PROFILER_PATH',
  'GOFLAGS', 'RUSTC_WRAPPER', 'CARGO_BUILD_RUSTC_WRAPPER', 'PHPRC', 'PHP_INI_SCAN_DIR', 'LUA_PATH', 'LUA_CPATH', 'R_PROFILE_USER',
  // Tools that run a program the environment names
  'GIT_SSH', 'GIT_SSH_COMMAND', 'GIT_EXEC_PATH', 'GIT_ASKPASS', 'SSH_ASKPASS', 'GIT_EDITOR', 'GIT_PAGER', 'GIT_EXTERNAL_DIFF', 'GIT_PROXY_COMMAND',
  'EDITOR', 'VISUAL', 'PAGER', 'BROWSER', 'SUDO_ASKPASS', 'PASSWORD_STORE_DIR', 'PASSWORD_STORE_EXTENSIONS_DIR', 'GNUPGHOME',
  'SSL_CERT_FILE', 'SSL_CERT_DIR', 'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE',
]);

/** Prefixes of whole families: every glibc loader variable, every dyld one, exported bash functions, git's config injection. */
const RESERVED_PREFIXES = ['LD_', 'DYLD_', 'BASH_FUNC_', 'GIT_CONFIG_'];

/** Whether a policy may not use `name` for a secret (it would change which code other programs run). */
export function isReservedEnvVar(name: string): boolean {
  const upper = name.toUpperCase();
  return RESERVED_NAMES.has(upper) || RESERVED_PREFIXES.some((p) => upper.startsWith(p));
}
