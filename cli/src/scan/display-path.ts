import { isAbsolute, relative, sep } from 'node:path';

/**
 * How a scanned file is named in the output: relative to the working directory, with `/`
 * separators; a path given relative is shown as given. Files under the working directory, as the
 * walk lists them (joined, so already normal), are named by cutting the directory off: `relative`
 * resolves both paths at every call, and on the benchmark corpus it was ~15 ms of a scan's CPU
 * (1,846 files, run cold once per file with findings). Any other path takes `relative`.
 */
export function displayPathFrom(cwd: string): (file: string) => string {
  const prefix = cwd.endsWith(sep) ? cwd : cwd + sep;
  const plain = (file: string) => {
    const rel = relative(cwd, file);
    return (rel || file).split(sep).join('/');
  };
  return (file) => {
    if (!isAbsolute(file)) return file;
    if (!isAbsolute(cwd) || !file.startsWith(prefix) || file.length === prefix.length || !isNormal(file, prefix.length)) return plain(file);
    const rest = file.slice(prefix.length);
    return sep === '/' ? rest : rest.split(sep).join('/');
  };
}

/** Is file[from…] a normal relative path: no empty, `.` or `..` segment, no separator at its end (either separator on Windows)? */
function isNormal(file: string, from: number): boolean {
  let segStart = from;
  for (let k = from; k <= file.length; k++) {
    const c = k < file.length ? file.charCodeAt(k) : 47;
    if (c === 47 || (c === 92 && sep === '\\')) {
      const len = k - segStart;
      if (len === 0) return false;
      if (file.charCodeAt(segStart) === 46 && (len === 1 || (len === 2 && file.charCodeAt(segStart + 1) === 46))) return false;
      segStart = k + 1;
    }
  }
  return true;
}
