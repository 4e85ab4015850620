import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { noCrossServiceImport } from './tests/lint/no-cross-service-import.js';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/build/**', '.data/**', 'coverage/**', '.tools/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['vitest.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { pyairtable: { rules: { 'no-cross-service-import': noCrossServiceImport } } },
    rules: {
      'pyairtable/no-cross-service-import': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Only the kit reads process.env: declare a config schema and use loadConfig.',
        },
      ],
    },
  },
  {
    // The config loader is the one place that reads the environment.
    files: ['services/kit/src/config/**', 'services/kit/test/config/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // @kubernetes/client-node's API models (and @types/k6's scenario options) are declared as
    // classes without behaviour, meant to be given object literals; these rules would demand
    // constructors.
    files: ['operator/**/*.ts', 'tests/operator/**/*.ts', 'tests/envtest/**/*.ts', 'k6/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      '@typescript-eslint/no-misused-spread': 'off',
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
