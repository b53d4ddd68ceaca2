module.exports = { ...require('../../jest.preset.cjs'), displayName: 'exercise', rootDir: __dirname };
