import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

// The import boundaries (docs/ARCHITECTURE.md) are enforced here: renderer/ and shared/ never import
// electron, node:* or electron/; electron/core never imports electron; and inside electron/core the feature
// folders import in one direction only: kernel <- vault <- records <- hotline <- sync <- maintenance <- the
// service.
const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'zlib',
  'stream',
  'events',
  'url',
];

const noElectron = { group: ['electron', 'electron/*'], message: 'electron/core must run without Electron.' };
/** The feature folders of electron/core, lowest first. */
const CORE_LAYERS = ['kernel', 'vault', 'records', 'hotline', 'sync', 'maintenance'];
/** The composition layer: only the service (and tests, transports) import these. */
const CORE_TOP = [
  'service',
  'feature-list',
  'lock-guard',
  'training',
  'prefs',
  'dispatch',
  'autolock',
  'jobs',
  'host',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'release/',
      'test-results/',
      'playwright-report/',
      'tests/e2e/artifacts/',
      'bench-results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-eval': 'error',
      'no-implied-eval': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'shared/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*'],
              message: 'The renderer and shared code never import Electron.',
            },
            { group: nodeBuiltins, message: 'The renderer and shared code never import Node built-ins.' },
            {
              group: ['**/electron/**', '../electron', '../../electron'],
              message: 'Talk to the Node side through window.amparo only.',
            },
            { group: ['better-sqlite3*'], message: 'No SQL in the renderer or shared code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noElectron] }],
      'no-console': 'error',
    },
  },
  // Each layer may import the layers before it in CORE_LAYERS, never one after it, nor the composition
  // files at the top of electron/core (service, feature list, lock guard, training, prefs).
  ...CORE_LAYERS.map((layer, i) => ({
    files: [`electron/core/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noElectron,
            {
              group: [...CORE_LAYERS.slice(i + 1), ...CORE_TOP].map((name) => `**/core/${name}*`),
              message: `electron/core/${layer} imports only ${CORE_LAYERS.slice(0, i).join(', ') || 'shared code'}; see docs/ARCHITECTURE.md.`,
            },
            ...CORE_LAYERS.slice(i + 1).map((name) => ({
              group: [`../${name}/*`, `../../${name}/*`],
              message: `electron/core/${layer} must not import ${name}: imports go one way (docs/ARCHITECTURE.md).`,
            })),
            {
              group: CORE_TOP.flatMap((name) => [`../${name}`, `../${name}/*`, `../../${name}`]),
              message: 'Feature folders never import the composition layer of electron/core.',
            },
          ],
        },
      ],
    },
  })),
  prettier,
);
