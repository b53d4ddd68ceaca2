module.exports = { ...require('../../jest.preset.cjs'), displayName: 'netstack', rootDir: __dirname };
