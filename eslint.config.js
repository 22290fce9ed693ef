import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** A zustand store hook (useRun, useConfig…), not one of React's own hooks or useShallow. */
const STORE_HOOK = '/^use(?!State|Memo|Callback|Ref|Reducer|Effect|LayoutEffect|InsertionEffect|Id|Shallow|Transition|DeferredValue|SyncExternalStore|ImperativeHandle|Context|Optimistic|ActionState|DebugValue)[A-Z]/';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'bench-results'] },
  js.configs.recommended,
  { files: ['scripts/**/*.{js,mjs}', 'bin/**/*.mjs'], languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', fetch: 'readonly', setTimeout: 'readonly', window: 'readonly', PerformanceObserver: 'readonly' } } },
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
  {
    // House rules (DESIGN.md §3): the engine never touches React or the DOM, and never reads
    // the GPU back synchronously; the UI and state never import tfjs.
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['react', 'react-dom', 'zustand', 'recharts', '**/worker/**', '**/ui/**', '**/state/**'] }],
      'no-restricted-globals': ['error', 'document', 'window'],
      'no-restricted-properties': [
        'error',
        { property: 'dataSync', message: 'No synchronous GPU readback in the engine: await t.data() at a boundary.' },
        { property: 'arraySync', message: 'No synchronous GPU readback in the engine: await t.array() at a boundary.' },
      ],
    },
  },
  {
    // The paper's math in plain numbers (Appendix C, calibration): importable from any layer, so no tfjs.
    files: ['src/engine/theory/**/*.ts'],
    ignores: ['src/engine/theory/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@tensorflow/*', 'react', 'react-dom', 'zustand', 'recharts', '**/worker/**', '**/ui/**', '**/state/**'] }] },
  },
  {
    // The vocabulary every layer reads (config, catalogue, events, captions, plans): plain
    // TypeScript that imports no layer above it, and no tfjs.
    files: ['src/shared/**/*.ts'],
    ignores: ['src/shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          group: ['@tensorflow/*', 'react', 'react-dom', 'zustand', '**/engine/**', '**/worker/**', '**/ui/**', '**/state/**'],
          message: 'src/shared is the vocabulary under every layer: no tfjs, engine, worker, state or ui imports.',
        }],
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
    files: ['src/ui/**/*.{ts,tsx}', 'src/state/**/*.ts'],
    rules: {
      // The page reads the engine through the worker API and the shared vocabulary (src/shared)
      // only; the one way in is the paper's plain-number theory (src/engine/theory, tfjs-free).
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@tensorflow/*'], message: 'The page never imports tfjs: all tensor work runs in the worker.' },
          {
            group: ['**/engine/**', '!**/engine/theory', '!**/engine/theory/**'],
            message: 'ui/ and state/ import src/shared and the worker API (src/worker/api, client), not src/engine (src/engine/theory excepted).',
          },
        ],
      }],
      // A store selector runs on every read (useSyncExternalStore): one that builds an object or
      // array returns a new value each time, and React re-renders until "Maximum update depth
      // exceeded". Select one field, or wrap the selector in useShallow. (Selectors that read the
      // clock or other outside state are caught at run time by src/ui/App.test.tsx.)
      'no-restricted-syntax': [
        'error',
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
