// typescript-eslint flat config; formatting is prettier's job (`npm run lint` checks both).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** A `no-restricted-imports` pattern with the reason shown when it fires. */
const fence = (group, message) => ({ group: [group], message });

/** What no file under src/core may import: the shells and the browser half. */
const CORE_FENCE = [
  fence('**/cli/**', 'src/core must not import the CLI'),
  fence('**/extension/**', 'src/core must not import the extension'),
  fence('**/webview/**', 'src/core must not import the webview'),
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      '.vscode-test/**',
      'test-results/**',
      'test/fixtures/**',
      'samples/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        performance: 'readonly',
        fetch: 'readonly',
        document: 'readonly',
        window: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  // Layer fences: the arrows ARCHITECTURE.md allows, enforced. Flat config does not merge a rule's
  // options across blocks, so a narrower folder repeats its parent's fences (runners repeat core's).
  // test/unit/fences.test.ts proves each one fires on a deliberate bad import.
  {
    // src/core is shared with the CLI and unit-tested in plain Node: no vscode API, no shell above it.
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['vscode'], patterns: CORE_FENCE }] },
  },
  {
    // Runners start processes; records describe runs. Records may name runner types, never the reverse.
    files: ['src/core/runners/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode'],
          patterns: [...CORE_FENCE, fence('**/records/**', 'runners must not import records')],
        },
      ],
    },
  },
  {
    // The webview protocol is imported by both halves of a panel: it stands on neither.
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode'],
          patterns: [
            fence('**/extension/**', 'src/shared must not import the extension'),
            fence('**/webview/**', 'src/shared must not import the webview'),
          ],
        },
      ],
    },
  },
  {
    // The CLI is a shell over core; the extension is another. Neither leans on the other.
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['vscode'], patterns: [fence('**/extension/**', 'the CLI must not import the extension')] },
      ],
    },
  },
  {
    // The webview renders; it may import only src/shared.
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode'],
          patterns: [
            fence('**/src/core/**', 'the webview may import only src/shared'),
            fence('**/src/extension/**', 'the webview may import only src/shared'),
            fence('**/src/cli/**', 'the webview may import only src/shared'),
          ],
        },
      ],
    },
  },
);
