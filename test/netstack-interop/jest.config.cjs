module.exports = { ...require('../../jest.preset.cjs'), displayName: 'netstack-interop', rootDir: __dirname };
