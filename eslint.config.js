import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

/** DESIGN §1: imports point one way. These patterns enforce it. */
const uiOrSvelte = {
  group: ['svelte', 'svelte/*', '**/*.svelte', '**/ui/**', '**/*.svelte.js', '**/*.svelte.ts'],
  message: 'src/lib is framework-free: no Svelte and no ui/ imports (DESIGN §1).',
};
const vault = {
  group: ['**/vault', '**/vault/**'],
  message: 'lib/record takes a Y.Doc and never imports lib/vault (DESIGN §1).',
};
const composition = {
  group: ['**/App.svelte', '**/main'],
  message: 'Only the composition root wires the app together.',
};

export default ts.config(
  { ignores: ['dist/', 'dev-dist/', 'test-results/', 'playwright-report/', 'node_modules/'] },
  js.configs.recommended,
  ...ts.configs.strict,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: {
      globals: {
        ...globals.browser,
        // Build-time constants from vite.config.ts `define`.
        __CARNET_SIGNALING_URLS__: 'readonly',
        __CARNET_VERSION__: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // With noUncheckedIndexedAccess every `array[i]` is `T | undefined`; `!` where the index is
      // known to be in range is clearer than a runtime check that can never fire.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/ui/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [composition] }] },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig,
      },
    },
  },
  {
    files: ['src/lib/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [uiOrSvelte, composition] }] },
  },
  {
    files: ['src/lib/record/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [uiOrSvelte, vault, composition] }] },
  },
  {
    files: ['src/server/**', 'tests/**', '*.config.*', 'vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
);
