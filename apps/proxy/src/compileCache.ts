// A V8 code cache for the CommonJS modules the CLI loads (its bundle and its npm dependencies).
// Node 20 compiles every module it loads on every start (`module.enableCompileCache` arrives in
// Node 22); with this, a start deserializes the code V8 made in an earlier run instead.
// Built into dist/compileCache.cjs, which bin/mcpscope.mjs loads before the CLI; it may load
// nothing but Node's built-in modules (scripts/build.mjs checks).
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import Module from "node:module";
import { dirname, join } from "node:path";
import { Script } from "node:vm";
import { crc32 } from "node:zlib";

/** How a cache file starts: its format (bump on change), then the index's length. */
const MAGIC = "mcpscope-v8-cache-2\n";

/** One cached module in the cache file: its content's hash and where its data lies. */
interface Entry {
  /** The module's source text's length and CRC-32 (as Node 22's own compile cache checks): a changed file never gets stale code. */
  hash: string;
  offset: number;
  length: number;
}

/** What the cache did in this process. */
export interface CompileCacheStats {
  /** Modules compiled from cached code (counts since `installCompileCache`). */
  hits: number;
  /** Modules compiled from source (no entry, or their source changed). */
  misses: number;
  /** Modules whose cached code V8 refused (another V8 version or flags); compiled from source. */
  rejected: number;
  /** Modules left to Node's own loader: ES modules, sources with a dynamic `import()` (V8 cannot run one from cached code on Node 20), and sources V8 would not compile as a script. */
  skipped: number;
}

export interface CompileCache {
  stats(): CompileCacheStats;
  /**
   * Writes the cache file (atomically: a temporary file renamed over it) when a module was
   * compiled from source: the code of every module compiled in this process, with what V8
   * compiled of it so far, plus the entries of the old file for modules not loaded this time.
   * @returns false when nothing needed writing or it could not be written (never throws).
   */
  save(): boolean;
  /**
   * Lets go of the cache file's code once the CLI has loaded (about 3 MB the process would
   * otherwise hold for its whole life). A module loaded later reads the file again for its
   * code, and `save` reads it again for the entries it carries over.
   */
  release(): void;
  /** Restores Node's own compile (loaded modules stay as they are). */
  uninstall(): void;
}

type CompileFn = (this: Module, content: string, filename: string, format?: string) => unknown;
interface ModuleInternals {
  prototype: { _compile: CompileFn };
  wrap(content: string): string;
  _resolveFilename(request: string, parent: Module, isMain: boolean, options?: { paths?: string[] }): string;
  _resolveLookupPaths(request: string, parent: Module): string[] | null;
  _extensions: NodeJS.RequireExtensions;
  _cache: NodeJS.Dict<NodeModule>;
}
const ModuleInternal = Module as unknown as ModuleInternals;

/** A dynamic import, possibly with whitespace or a comment before its parenthesis. */
const DYNAMIC_IMPORT = /\bimport\s*(?:\(|\/[/*])/;

/** Milliseconds the cache file's code, read again after `release`, is kept for more modules. */
const REREAD_KEPT_MS = 1000;

/** Where `enableCompileCache` leaves the process's cache for the CLI (serve.ts releases it once ready). */
const GLOBAL_KEY = Symbol.for("mcpscope.compileCache");

/** Cache files not written for this long are deleted (by the next run that writes one). */
const STALE_MS = 7 * 24 * 3600 * 1000;

/**
 * Starts the code cache for the CLI at `entry` (its dist/main.cjs), saved when the process
 * exits, in `$XDG_CACHE_HOME/mcpscope/v8` (default `~/.cache/mcpscope/v8`, XDG Base Directory
 * Specification), and leaves it at `globalThis[Symbol.for("mcpscope.compileCache")]` for the
 * CLI to `release` once it has started; none when `NODE_DISABLE_COMPILE_CACHE` is set (the
 * variable Node 22's own compile cache obeys) or source maps are on (`--enable-source-maps`:
 * Node reads them while it compiles a module itself).
 */
export function enableCompileCache(entry: string): CompileCache | undefined {
  if (process.env.NODE_DISABLE_COMPILE_CACHE || process.sourceMapsEnabled) return undefined;
  const cacheDir = join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "mcpscope", "v8");
  const cache = installCompileCache(compileCacheFile(cacheDir, entry), { saveOnExit: true });
  (globalThis as Record<symbol, unknown>)[GLOBAL_KEY] = cache;
  return cache;
}

/**
 * The cache file for the CLI at `entry` in `cacheDir`: one per Node version, architecture and
 * installed copy of mcpscope (V8 also refuses code made by another version or other flags).
 */
export function compileCacheFile(cacheDir: string, entry: string): string {
  const where = createHash("sha1").update(entry).digest("hex").slice(0, 16);
  return join(cacheDir, `${process.version}-${process.arch}-${where}.bin`);
}

/**
 * Compiles every CommonJS module loaded from now on with V8's cached code from `file` when
 * there is code for its exact source, and, with `saveOnExit`, writes the file when the
 * process exits (see `CompileCache.save`). A missing, unreadable or damaged file only means
 * compiling from source; nothing here throws.
 */
export function installCompileCache(file: string, { saveOnExit = false } = {}): CompileCache {
  const stats: CompileCacheStats = { hits: 0, misses: 0, rejected: 0, skipped: 0 };
  let stored: StoredCache | undefined = readCacheFile(file);
  let released = false;
  let dropTimer: ReturnType<typeof setTimeout> | undefined;
  const storedNow = (): StoredCache => {
    const now = (stored ??= readCacheFile(file));
    if (released) {
      // Modules loaded after the release come in bursts (a first page view, a first OAuth
      // flow): the file read for the first of them serves the burst, then is let go again.
      if (dropTimer) dropTimer.refresh();
      else {
        dropTimer = setTimeout(() => {
          stored = undefined;
          dropTimer = undefined;
        }, REREAD_KEPT_MS);
        dropTimer.unref();
      }
    }
    return now;
  };
  const compiled = new Map<string, { hash: string; script: Script }>();
  const original = ModuleInternal.prototype._compile;
  let unsaved = false;

  ModuleInternal.prototype._compile = function compileWithCache(this: Module, content: string, filename: string, format?: string) {
    if (format === "module" || (content.includes("import") && DYNAMIC_IMPORT.test(content))) {
      stats.skipped++;
      return original.call(this, content, filename, format);
    }
    const hash = `${content.length}:${crc32(content)}`;
    const { index, data } = storedNow();
    const entry = index.get(filename);
    const cachedData = entry?.hash === hash ? data.subarray(entry.offset, entry.offset + entry.length) : undefined;
    let script: Script;
    try {
      script = new Script(ModuleInternal.wrap(content), { filename, cachedData });
    } catch {
      // Not a script (ES module syntax Node detects, a hashbang line): Node's loader knows.
      stats.skipped++;
      return original.call(this, content, filename, format);
    }
    if (!cachedData) stats.misses++;
    else if (script.cachedDataRejected) stats.rejected++;
    else stats.hits++;
    if (!cachedData || script.cachedDataRejected) unsaved = true;
    compiled.set(filename, { hash, script });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return Reflect.apply(wrapper, this.exports, [this.exports, requireFor(this), this, filename, dirname(filename)]);
  };

  const cache: CompileCache = {
    stats: () => ({ ...stats }),
    save() {
      if (!unsaved) return false;
      try {
        writeCacheFile(file, compiled, storedNow());
        unsaved = false;
        return true;
      } catch {
        return false;
      }
    },
    release() {
      released = true;
      stored = undefined;
      clearTimeout(dropTimer);
      dropTimer = undefined;
      // Every module compiled so far from its cached code has its entry in the file still;
      // the scripts are kept only when there is new code to save.
      if (!unsaved) compiled.clear();
    },
    uninstall() {
      ModuleInternal.prototype._compile = original;
    },
  };
  if (saveOnExit) process.once("exit", () => cache.save());
  return cache;
}

/** The `require` a module's code gets, as Node makes it (resolution relative to `module`). */
function requireFor(module: Module): NodeJS.Require {
  const require = ((id: string): unknown => module.require(id) as unknown) as NodeJS.Require;
  const resolve = ((request: string, options?: { paths?: string[] }) => ModuleInternal._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => ModuleInternal._resolveLookupPaths(request, module);
  require.resolve = resolve;
  require.main = process.mainModule;
  require.extensions = ModuleInternal._extensions;
  require.cache = ModuleInternal._cache;
  return require;
}

/** A cache file's index (module file name → its entry) and the code its entries point into. */
interface StoredCache {
  index: Map<string, Entry>;
  data: Buffer;
}

/** The file's index and data, or an empty cache when it is missing or not a cache file of this format. */
function readCacheFile(file: string): StoredCache {
  const empty = { index: new Map<string, Entry>(), data: Buffer.alloc(0) };
  try {
    const buf = readFileSync(file);
    if (buf.toString("latin1", 0, MAGIC.length) !== MAGIC) return empty;
    const indexLength = buf.readUInt32LE(MAGIC.length);
    const start = MAGIC.length + 4 + indexLength;
    const { entries, checksum } = JSON.parse(buf.toString("utf8", MAGIC.length + 4, start)) as { entries: Record<string, Entry>; checksum: number };
    const data = buf.subarray(start);
    // A damaged file (a disk error, someone else's write) is dropped whole.
    if (crc32(data) !== checksum) return empty;
    return { index: new Map(Object.entries(entries)), data };
  } catch {
    return empty;
  }
}

function writeCacheFile(file: string, compiled: Map<string, { hash: string; script: Script }>, stored: StoredCache): void {
  const entries: Record<string, Entry> = {};
  const parts: Buffer[] = [];
  let offset = 0;
  const add = (filename: string, hash: string, code: Buffer) => {
    entries[filename] = { hash, offset, length: code.length };
    parts.push(code);
    offset += code.length;
  };
  for (const [filename, { hash, script }] of compiled) add(filename, hash, script.createCachedData());
  for (const [filename, entry] of stored.index) {
    if (!(filename in entries)) add(filename, entry.hash, stored.data.subarray(entry.offset, entry.offset + entry.length));
  }
  const data = Buffer.concat(parts);
  const index = Buffer.from(JSON.stringify({ entries, checksum: crc32(data) }));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(index.length);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, Buffer.concat([Buffer.from(MAGIC, "latin1"), length, index, data]), { mode: 0o600 });
    renameSync(temporary, file);
  } catch (err) {
    rmSync(temporary, { force: true });
    throw err;
  }
  // Copies of mcpscope that are gone (a temporary install, an older Node) leave files nobody reads.
  const dir = dirname(file);
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    try {
      if (path !== file && name.endsWith(".bin") && Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { force: true });
    } catch {
      // Another process pruned it first.
    }
  }
}
