import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', '.cache/**', 'scripts/devnet/dapp/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-control-regex': 'off',
    },
  },
  {
    // The extension never turns strings into markup (scripts/build/no-html-sinks.ts removes React DOM's sink too).
    files: ['entrypoints/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'core/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Preflight renders no HTML strings.' },
        { selector: "AssignmentExpression > MemberExpression.left[property.name=/^(innerHTML|outerHTML)$/]", message: 'Preflight renders no HTML strings.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Preflight renders no HTML strings.' },
      ],
    },
  },
  {
    files: ['core/**/*.ts'],
    ignores: ['core/**/*.test.ts', 'core/**/*.bench.ts', 'core/**/learn-*.ts'],
    rules: {
      // core/ is pure: browser and extension APIs come in as parameters.
      'no-restricted-globals': ['error', 'window', 'document', 'chrome', 'browser', 'indexedDB', 'localStorage', 'Buffer'],
    },
  },
);
