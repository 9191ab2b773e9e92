import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Type-aware rules shared by every package. `no-floating-promises` matters most here:
 * a forgotten await inside a tenant transaction runs outside it.
 */
export default tseslint.config(
  { ignores: ['**/dist/**', '**/.next/**', '**/test-results/**', '**/playwright-report/**', '**/migrations/**', '**/*.config.*', '**/next-env.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: process.cwd() },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      // Settings come from each package's validated env module, never process.env directly.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: "Read settings from the package's env module." },
      ],
    },
  },
  {
    files: ['**/env.ts', '**/*.test.ts', '**/test/**', '**/testing/**', '**/cli/**', 'bench/**', '**/scripts/**', '**/e2e/**', '**/*.mjs'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
