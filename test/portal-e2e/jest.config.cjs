// The portal driven in Debian's Chromium against the real service (API, runner,
// PostgreSQL, Redis, the lab). One file, one service; its tests run in order.
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'portal-e2e',
  rootDir: __dirname,
};
