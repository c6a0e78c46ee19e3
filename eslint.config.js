// Lint for real bugs and for the boundaries of ARCHITECTURE.md (eslint/boundaries.js): platform never
// imports a module, a module is imported only through its index.ts from anywhere (src, bench, test,
// e2e), domain/ is pure, and the web app imports only contract.ts files.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import concord from './eslint/boundaries.js';

export default tseslint.config(
  { ignores: ['node_modules', 'web/dist', 'migrations', 'data', 'test-results', 'playwright-report', 'bin', 'src/modules/training/cmi5/demo-package'] },
  // ↑ the demo cmi5 package is course content a browser runs sandboxed (plain ES2017), not Concord's code.
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js', 'eslint/*.js', 'bin/*.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'it', property: 'only' }, { object: 'describe', property: 'only' }, { object: 'test', property: 'only' }],
    },
  },
  {
    files: ['src/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts', 'e2e/**/*.ts', 'scripts/**/*.ts', '*.ts'],
    plugins: { concord },
    rules: { 'concord/boundaries': 'error' },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+src/(?!modules/[a-z]+/contract$|platform/[a-z/-]+/contract$).*',
              message: 'The web app imports only contract.ts files from src/.',
            },
          ],
        },
      ],
    },
  },
);
