// Real kernel I/O over TAPs: a test's own waits are bounded by the stack's timers, so Jest's
// 5 s default only adds failures on a loaded machine. 30 s still ends a hung test.
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'netstack-interop',
  rootDir: __dirname,
  testTimeout: 30_000,
};
