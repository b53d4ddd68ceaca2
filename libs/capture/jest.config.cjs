module.exports = { ...require('../../jest.preset.cjs'), displayName: 'capture', rootDir: __dirname };
