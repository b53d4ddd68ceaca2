import base from '../../eslint.config.mjs';

export default [
  ...base,
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: {
      // The package root also exports the Node folder loader; the browser takes the schema entry.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@socklab/exercise',
              message: "Import '@socklab/exercise/schema': the root entry pulls in Node's file system.",
            },
          ],
        },
      ],
    },
  },
];
