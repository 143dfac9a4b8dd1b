import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'util', 'url', 'http', 'https', 'net', 'stream', 'events', 'buffer', 'process', 'module', 'readline', 'zlib', 'assert', 'perf_hooks'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'media/**', '.cache/**', '.test-output/**', 'sample/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...globals.mocha } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['**/*.d.ts'], rules: { '@typescript-eslint/no-unused-vars': 'off' } },
  { files: ['**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    // src/core is pure: it runs in Node, in the browser (vscode.dev) and behind the CLI.
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: { ...globals.es2021, TextDecoder: 'readonly', TextEncoder: 'readonly', URL: 'readonly' } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'vscode', message: 'src/core must not depend on VS Code: pass plain values or small interfaces in.' },
          ...nodeBuiltins.map((name) => ({ name, message: 'src/core must not use Node built-ins: it also runs in a web worker.' })),
        ],
        patterns: [{ group: ['node:*'], message: 'src/core must not use Node built-ins: it also runs in a web worker.' }],
      }],
      'no-restricted-globals': ['error', 'process', 'require', 'Buffer', '__dirname'],
    },
  },
);
