import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', 'node_modules/**', 'memory/**', 'coverage/**', 'plugin/server/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', performance: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests read loosely-typed protocol results (structuredContent is `unknown` in the SDK).
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // src/domain is the pure core: everything it needs arrives as parameters (STYLE.md).
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': ['error', { patterns: ['@modelcontextprotocol/*', '**/mcp/**', '**/cli*'] }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Pass configuration in; only src/cli.ts reads the environment.' }],
    },
  },
  {
    // stdout carries JSON-RPC only; the server logs through stderr or MCP logging.
    files: ['src/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', { selector: "CallExpression[callee.object.name='console'][callee.property.name='log']", message: 'stdout is JSON-RPC only: log to stderr.' }] },
  },
);
