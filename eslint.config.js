import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** A zustand store hook (useStore), not one of React's own hooks or useShallow. */
const STORE_HOOK = '/^use(?!State|Memo|Callback|Ref|Reducer|Effect|LayoutEffect|InsertionEffect|Id|Shallow|Transition|DeferredValue|SyncExternalStore|ImperativeHandle|Context|Optimistic|ActionState|DebugValue)[A-Z]/';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'bench-results'] },
  js.configs.recommended,
  { files: ['scripts/**/*.{js,mjs}', 'bin/**/*.mjs', 'src/hosts/**/*.mjs'], languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', fetch: 'readonly', setTimeout: 'readonly', window: 'readonly', PerformanceObserver: 'readonly' } } },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  // The tree is the layer diagram (DESIGN.md §3): shared ← engine ← hosts ← page, arrows down
  // only, in tests too. Each folder lists what it may not import; src/layers.test.ts checks
  // the import graph has no circle.
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          group: ['@tensorflow/*', 'comlink', 'react', 'react-dom', 'zustand', 'recharts', '**/engine/**', '**/hosts/**', '**/page/**', '**/scripts/**'],
          message: 'src/shared is the vocabulary under every layer: no tfjs, and nothing from engine/, hosts/ or page/.',
        }],
      }],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          group: ['react', 'react-dom', 'zustand', 'recharts', 'comlink', '**/hosts/**', '**/page/**', '**/scripts/**'],
          message: 'src/engine is the science: it imports tfjs and src/shared only, never a host (worker, Node, CLI, bench) or the page.',
        }],
      }],
      'no-restricted-globals': ['error', 'document', 'window'],
    },
  },
  {
    // No synchronous GPU readback in the engine's own code (tests may read results back).
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { property: 'dataSync', message: 'No synchronous GPU readback in the engine: await t.data() at a boundary.' },
        { property: 'arraySync', message: 'No synchronous GPU readback in the engine: await t.array() at a boundary.' },
      ],
    },
  },
  {
    files: ['src/hosts/**/*.{ts,mts}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          group: ['react', 'react-dom', 'zustand', 'recharts', '**/page/**', '**/scripts/**'],
          message: 'src/hosts wire the engine to a place it runs (worker, Node, CLI, bench): they sit under the page and import no build script.',
        }],
      }],
    },
  },
  {
    files: ['src/page/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@tensorflow/*'], message: 'The page never imports tfjs: all tensor work runs in the worker.' },
          {
            group: ['**/engine/**', '**/scripts/**', '**/hosts/node/**', '**/hosts/cli/**', '**/hosts/bench/**', '**/hosts/worker/*', '!**/hosts/worker/api', '!**/hosts/worker/client'],
            message: 'src/page imports src/shared and the worker\'s API (hosts/worker/api, client) only: never the engine, another host or a script.',
          },
        ],
      }],
    },
  },
  {
    // Every spec fails on console and page errors through the shared fixture (e2e/fixtures.ts).
    files: ['e2e/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: '@playwright/test', importNames: ['test', 'expect'], message: "Import test and expect from './fixtures': it fails a test on console and page errors." }] }],
    },
  },
  // Playwright fixtures receive a `use` callback that is not React's hook.
  { files: ['e2e/**/*.ts'], rules: { 'react-hooks/rules-of-hooks': 'off' } },
  {
    files: ['src/page/**/*.{ts,tsx}'],
    rules: {
      // A store selector runs on every read (useSyncExternalStore): one that builds an object or
      // array returns a new value each time, and React re-renders until "Maximum update depth
      // exceeded". Select one field, or wrap the selector in useShallow. (Selectors that read the
      // clock or other outside state are caught at run time by src/page/App.test.tsx.)
      'no-restricted-syntax': [
        'error',
        // A whole slice re-renders its reader on every change to any of its fields (a run's progress
        // arrives ten times a second): read a field, `useStore.use.run.status()`, or several with useShallow.
        ...['CallExpression[callee.name="useStore"] > ArrowFunctionExpression > MemberExpression.body[object.type="Identifier"][property.name!="reset"]',
          'CallExpression[callee.name="useShallow"] > ArrowFunctionExpression > MemberExpression.body[object.type="Identifier"]',
          'CallExpression[callee.name="useStore"][arguments.length=0]'].map((selector) => ({
          selector,
          message: 'This reads a whole slice (or the whole store): select the fields the component shows, e.g. useStore.use.run.status().',
        })),
        ...[':matches(ObjectExpression, ArrayExpression)', 'CallExpression[callee.property.name=/^(map|filter|slice|concat|flat|flatMap|toSorted|toReversed|toSpliced|with)$/]'].map(
          (body) => ({
            selector: `CallExpression[callee.name=${STORE_HOOK}] > ArrowFunctionExpression > ${body}.body`,
            message: 'This store selector builds a new object or array on every call: select a single field, or wrap it in useShallow.',
          }),
        ),
      ],
    },
  },
);
