// Ends the run's output with one plain line, `N passed, N failed[, N skipped]`, which CI
// and people read as the verdict. It is written at process exit so that it follows
// Jest's own summary ("Tests: N passed"), whichever reporter prints last.
const fs = require('node:fs');

class SummaryLineReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    let line = `${results.numPassedTests} passed, ${failed} failed`;
    if (skipped > 0) line += `, ${skipped} skipped`;
    process.once('exit', () => fs.writeSync(1, `${line}\n`));
  }
}
module.exports = SummaryLineReporter;
