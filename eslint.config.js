// ESLint for the studio (issue 11). Correctness rules only: formatting and naming are the house's habits, not
// the linter's. Type-aware (typescript-eslint reads the TypeScript program), because the rules this exists for —
// floating and misused promises, unchecked non-null assertions — need types.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The no-unsafe-* rules off: where `any` is expected (see the two places that use this). */
const UNSAFE_ANY_ALLOWED = Object.fromEntries(
  ['no-unsafe-argument', 'no-unsafe-assignment', 'no-unsafe-call', 'no-unsafe-member-access', 'no-unsafe-return'].map((rule) => [`@typescript-eslint/${rule}`, 'off']),
);

export default defineConfig(
  {
    ignores: [
      'node_modules/', 'dist/', 'test-results/', 'playwright-report/', 'bench/results/', 'public/', 'goldens/',
      'tmp-diag/', '**/*.d.mts', '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      parserOptions: {
        // tsconfig.json covers src, workers, e2e, bench and the two config files; the few files outside it
        // (scripts, tools' ES modules, this file) are checked in a default program with the same options.
        projectService: {
          allowDefaultProject: ['scripts/*.ts', 'bin/*.mjs', 'tools/*/*.mjs', 'eslint.config.js'],
          defaultProject: 'tsconfig.json',
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `let { a, b } = …` with only `a` reassigned stays one statement.
      'prefer-const': ['error', { destructuring: 'all' }],
      // `const { dropped: _, ...kept } = x` is how an object loses a field.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // Promises: every one awaited, returned, chained with a rejection handler, or `void`ed on purpose.
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: true }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // Non-null assertions. `arr[i]!` on typed-array loops is deliberate under noUncheckedIndexedAccess, so
      // no-non-null-assertion stays off; these catch the assertions that are never right.
      '@typescript-eslint/no-non-null-asserted-optional-chain': 'error',
      '@typescript-eslint/no-non-null-asserted-nullish-coalescing': 'error',
      '@typescript-eslint/no-extra-non-null-assertion': 'error',
      // tfjs ops return a type parameter the caller picks (`tf.mean(x) as tf.Scalar` is the library's idiom);
      // the rule would have every such cast rewritten as a type argument, which checks nothing more.
      '@typescript-eslint/no-unnecessary-type-assertion': [
        'error',
        { typesToIgnore: ['tf.Scalar', 'tf.Tensor1D', 'tf.Tensor2D', 'tf.Tensor3D', 'tf.Tensor4D'] },
      ],
      // In-memory stores and test doubles implement async interfaces without awaiting anything; `async` keeps
      // a throw a rejection, as callers expect. An async function with nothing to await is not a bug here.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The two classic hooks rules. The plugin's React Compiler rules (static-components, refs, purity, …) are
    // left out: the studio is not built with the compiler, and they cost about a sixth of the lint's time.
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // In tests, parsed JSON and vitest's asymmetric matchers (expect.any, expect.stringContaining: `any` by
    // design) flow into expect(), which checks the values when the test runs; the no-unsafe-* rules would only
    // ask for casts there. Every other rule applies, the promise rules first.
    files: ['**/*.test.ts'],
    rules: UNSAFE_ANY_ALLOWED,
  },
  {
    // Plain ES modules carry no type annotations, so every parameter is `any` and the no-unsafe-* rules would
    // only restate that; the promise rules still apply.
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
    rules: UNSAFE_ANY_ALLOWED,
  },
);
