// Unit tests run in Node; component tests opt into jsdom with a `@jest-environment jsdom`
// docblock. Stylesheets imported by components are stubbed.
const preset = require('../../jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'portal',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.spec.tsx'],
  moduleNameMapper: {
    ...preset.moduleNameMapper,
    '\\.css$': '<rootDir>/src/testing/style-stub.cjs',
  },
};
