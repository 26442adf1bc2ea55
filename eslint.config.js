// Lint rules for every workspace: typescript-eslint's recommended set, formatting left to Prettier.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** What browsers may import only as types: values would ship validation the server does anyway. */
const browserImports = [
  {
    name: '@sportello/protocol',
    allowTypeImports: true,
    message: 'Browsers take types from @sportello/protocol and values from @sportello/protocol/plain.',
  },
  { name: 'zod', allowTypeImports: true, message: 'The server validates; the browsers take types only.' },
];
const phoneRules = ['@sportello/protocol/phone', 'libphonenumber-js', 'libphonenumber-js/core'];
const noPhoneRules =
  'The kiosk asks the station agent (kiosk/src/data/phone.ts) instead of shipping phone rules.';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'coverage/**',
      'test-results/**',
      'kiosk/src/i18n/generated/**',
      'kiosk/src/i18n/locale-codes.ts',
      'console/src/i18n/generated/**',
      'meeting/src/i18n/generated/**',
      'meeting/src/i18n/locale-codes.ts',
      'console/src/i18n/locale-codes.ts',
    ],
  },
  js.configs.recommended,
  { files: ['**/*.{js,mjs}'], languageOptions: { globals: globals.node } },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  { files: ['scripts/**', '*/scripts/**', 'test/bench/**', '**/cli.ts'], rules: { 'no-console': 'off' } },
  {
    // The citizen's pages stay light: zod and the phone metadata stay out of their first screen.
    files: ['kiosk/src/**/*.ts', 'meeting/src/**/*.ts', 'web-common/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: browserImports }] },
  },
  {
    // The kiosk ships no phone rules at all (they were a third of its script): the agent checks numbers.
    files: ['kiosk/src/**/*.ts', 'web-common/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [...browserImports, ...phoneRules.map((name) => ({ name, message: noPhoneRules }))] },
      ],
      // no-restricted-imports does not look at import(), which is how the rules last came in.
      'no-restricted-syntax': [
        'error',
        ...phoneRules.map((name) => ({
          selector: `ImportExpression[source.value='${name}']`,
          message: noPhoneRules,
        })),
      ],
    },
  },
);
