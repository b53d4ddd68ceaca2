// The whole suite in one Jest run, so there is one summary. Each project keeps its own
// jest.config.cjs (also used by `nx test <project>`).
const fs = require('node:fs');
const path = require('node:path');

const projects = ['apps', 'libs', 'test'].flatMap((group) => {
  const dir = path.join(__dirname, group);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => fs.existsSync(path.join(dir, name, 'jest.config.cjs')))
    .map((name) => `<rootDir>/${group}/${name}`);
});

module.exports = {
  projects,
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.cjs'],
  maxWorkers: 2,
  // Jest's test runner reads the timeout from the global config only: the projects' preset
  // value (jest.preset.cjs, why 30 s) applies to `nx test <project>`, this one to the whole suite.
  testTimeout: 30_000,
};
