import base from '../../eslint.config.mjs';

export default [
  ...base,
  {
    // Specs index arrays whose length they have just asserted; a failed lookup fails the test anyway.
    files: ['**/*.spec.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
