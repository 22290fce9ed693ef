import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'bench-results'] },
  js.configs.recommended,
  { files: ['scripts/**/*.{js,mjs}'], languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', fetch: 'readonly', setTimeout: 'readonly', window: 'readonly', PerformanceObserver: 'readonly' } } },
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
    files: ['src/ui/**/*.{ts,tsx}', 'src/state/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@tensorflow/*'] }] },
  },
);
