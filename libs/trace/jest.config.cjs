module.exports = { ...require('../../jest.preset.cjs'), displayName: 'trace', rootDir: __dirname };
