// Workspace lint rules. The module-boundary constraints encode the architecture's
// dependency table (shared/ARCHITECTURE.md): domain libraries stay free of framework,
// database, queue and container imports; the portal sees only browser-safe libraries.
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

const serverOnlyPackages = [
  '@nestjs/*',
  '@prisma/*',
  'prisma',
  'bullmq',
  'ioredis',
  'dockerode',
  'pg',
  'koffi',
];

export const boundaryRule = [
  'error',
  {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: [
      {
        sourceTag: 'type:domain',
        // Contracts are browser-safe schemas with no framework imports: shared vocabulary.
        onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'],
        bannedExternalImports: serverOnlyPackages,
      },
      {
        sourceTag: 'type:contracts',
        onlyDependOnLibsWithTags: ['type:contracts'],
        bannedExternalImports: serverOnlyPackages,
      },
      {
        sourceTag: 'platform:browser',
        onlyDependOnLibsWithTags: ['platform:universal'],
        bannedExternalImports: [...serverOnlyPackages, 'node:*', 'fs', 'child_process', 'net'],
      },
      { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:contracts'] },
      {
        sourceTag: 'type:engine',
        onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:contracts'],
      },
      { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain'] },
      {
        sourceTag: 'type:test',
        onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:contracts', 'type:engine', 'type:data'],
      },
      {
        sourceTag: 'type:app',
        onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:contracts', 'type:engine', 'type:data'],
      },
    ],
  },
];

export default [
  { ignores: ['**/dist', '**/node_modules', '**/coverage', '**/.nx', '**/generated/**', 'tmp/**'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  prettier,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.cjs', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': boundaryRule,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Project config files extend the workspace's own configs by relative path.
    files: ['**/eslint.config.mjs', '**/jest.config.cjs'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
