module.exports = { ...require('../../jest.preset.cjs'), displayName: 'pack', rootDir: __dirname };
