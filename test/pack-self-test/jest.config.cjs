module.exports = { ...require('../../jest.preset.cjs'), displayName: 'pack-self-test', rootDir: __dirname };
