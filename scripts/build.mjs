#!/usr/bin/env node
/**
 * Compiles the TypeScript sources into dist/, the JavaScript that `npm start`, `npx factcheck`
 * and the Docker image run. `npm install` and `npm ci` run it (the `prepare` script).
 *
 * One bundle with shared chunks: loading a few files instead of a hundred modules is most of
 * what makes `factcheck check` start fast (README, "Measured"). Packages that load native code
 * or files by name at run time stay in node_modules; discord.js and Bolt stay there too and load
 * only when their platform is configured.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  // `npm ci --omit=dev` leaves the build tools out: keep a build made before (the Docker image does).
  if (existsSync(path.join(dist, 'cli.js'))) process.exit(0);
  process.stderr.write('factcheck build: esbuild is not installed and there is no dist/ yet; run `npm install` (with the dev dependencies) once to build.\n');
  process.exit(1);
}

/**
 * zod re-exports its error messages in 63 languages (`z.locales`) from the namespace the code
 * imports, so the bundle carried all of them: 400 KB compiled at every start. The bot shows its
 * own messages and uses only zod's default English, so `z.locales` here holds English alone.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer) ? { path: path.join(path.dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-english' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-english' }, (args) => ({ contents: `export { default as en } from ${JSON.stringify(args.path)};`, resolveDir: path.dirname(args.path) }));
  },
};

/**
 * The matcher's vocabulary (src/core/matching/vocabulary/*.yaml) goes inside the bundle: dist/
 * and the Docker image have no src/ to read it from at run time.
 */
const vocabularyInside = {
  name: 'vocabulary-inside',
  setup(build) {
    build.onLoad({ filter: /[\\/]core[\\/]matching[\\/]vocabulary-files\.ts$/ }, async (args) => {
      const folder = path.join(path.dirname(args.path), 'vocabulary');
      const { parse } = await import('yaml');
      const files = Object.fromEntries(readdirSync(folder).filter((name) => name.endsWith('.yaml')).map((name) => [name, parse(readFileSync(path.join(folder, name), 'utf8'))]));
      const where = path.relative(root, folder);
      return {
        loader: 'js',
        watchFiles: Object.keys(files).map((name) => path.join(folder, name)),
        contents: `const FILES = ${JSON.stringify(files)};
export function readVocabularyFile(file) {
  const data = FILES[file];
  if (data === undefined) throw new Error(${JSON.stringify(where + '/')} + file + ' is not in this build; run npm run build');
  return { text: '', data, where: ${JSON.stringify(where + '/')} + file };
}`,
      };
    });
  },
};

/**
 * The sentence encoder's worker thread starts from dist/sentence-worker.js (an entry of its own),
 * found from wherever the chunk that starts it lands.
 */
const workerEntryInDist = {
  name: 'worker-entry-in-dist',
  setup(build) {
    build.onLoad({ filter: /[\\/]core[\\/]matching[\\/]sentence-worker-entry\.ts$/ }, () => ({
      loader: 'js',
      contents: `import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
let dir = import.meta.dirname;
while (!existsSync(path.join(dir, 'sentence-worker.js')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
export const WORKER_ENTRY = pathToFileURL(path.join(dir, 'sentence-worker.js'));`,
    }));
  },
};

rmSync(dist, { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli.ts', main: 'src/main.ts', 'discord-register': 'scripts/discord-register.ts', 'sentence-worker': 'src/core/matching/sentence-worker.ts' },
  outdir: dist,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  // TensorFlow.js and the sentence model read their files from their packages at run time.
  external: ['better-sqlite3', 'pg', 'discord.js', '@slack/bolt', 'pino', 'pino-pretty', '@energetic-ai/*', '@tensorflow/*', 'compromise'],
  // A package's ES module build where it has one: stopword's lists of 62 languages then shrink
  // to the one the matcher imports.
  mainFields: ['module', 'main'],
  // Bundled CommonJS packages call require(); an ES module has none of its own.
  banner: { js: "import { createRequire as __factcheckRequire } from 'node:module'; const require = __factcheckRequire(import.meta.url);" },
  // Whitespace and syntax minified (about 30 ms less to compile at each start, measured), names
  // kept so that stack traces still say which function; NODE_OPTIONS=--enable-source-maps maps
  // them back to src/.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  plugins: [zodEnglishOnly, vocabularyInside, workerEntryInDist],
  logLevel: 'warning',
});
