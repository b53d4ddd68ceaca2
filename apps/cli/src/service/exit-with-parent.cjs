// Preloaded (`node -r`) into the node processes `socklab serve` starts, whose stdin is a
// pipe from serve. When serve goes away — even killed with SIGKILL — that pipe closes and
// the process stops itself as on SIGTERM (gracefully: runners hand their jobs back), so no
// process of the service outlives the command that started it. The pipe is unref'd: it
// never keeps the process alive on its own.
'use strict';

const { fstatSync } = require('node:fs');

// node's stdio pipes are socketpairs; a shell pipe is a FIFO; /dev/null or a TTY is neither.
const stdinIsPipe = (() => {
  try {
    const stat = fstatSync(0);
    return stat.isSocket() || stat.isFIFO();
  } catch {
    return false;
  }
})();
if (stdinIsPipe) {
  const stdin = process.stdin;
  const stop = () => process.kill(process.pid, 'SIGTERM');
  stdin.once('end', stop);
  stdin.once('error', stop);
  stdin.resume();
  if (typeof stdin.unref === 'function') stdin.unref();
}
