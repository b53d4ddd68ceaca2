module.exports = { ...require('../../jest.preset.cjs'), displayName: 'labnet', rootDir: __dirname };
