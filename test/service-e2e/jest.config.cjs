module.exports = { ...require('../../jest.preset.cjs'), displayName: 'service-e2e', rootDir: __dirname };
