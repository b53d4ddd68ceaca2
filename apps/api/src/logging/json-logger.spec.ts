import { JsonLogger } from './json-logger';
import { addLogContext, runWithLogContext } from './log-context';

describe('JsonLogger', () => {
  const capture = (level: ConstructorParameters<typeof JsonLogger>[0] = 'info') => {
    const lines: Record<string, unknown>[] = [];
    return { lines, logger: new JsonLogger(level, (line) => lines.push(JSON.parse(line))) };
  };

  it('writes one JSON object per line with level, context and message', () => {
    const { lines, logger } = capture();
    logger.log('listening', 'Api');
    logger.warn({ msg: 'stream unreadable', runId: 'r1' }, 'LiveGateway');
    expect(lines).toEqual([
      { time: expect.any(String), level: 'info', context: 'Api', msg: 'listening' },
      {
        time: expect.any(String),
        level: 'warn',
        context: 'LiveGateway',
        msg: 'stream unreadable',
        runId: 'r1',
      },
    ]);
  });

  it('carries the fields of the current request, including ones added later in it', () => {
    const { lines, logger } = capture();
    runWithLogContext({ requestId: 'q1' }, () => {
      addLogContext({ tenantId: 't1', runId: 'r9' });
      logger.log('cancelled', 'RunsService');
    });
    logger.log('outside');
    expect(lines[0]).toMatchObject({ requestId: 'q1', tenantId: 't1', runId: 'r9', msg: 'cancelled' });
    expect(lines[1]).not.toHaveProperty('requestId');
  });

  it('drops entries below the configured level and keeps an error’s stack', () => {
    const { lines, logger } = capture('warn');
    logger.log('chatty');
    logger.debug('chattier');
    logger.error('boom', 'Error: boom\n    at handler (x.ts:1:1)', 'ErrorFilter');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        msg: 'boom',
        context: 'ErrorFilter',
        stack: expect.stringMatching(/at handler/),
      }),
    ]);
  });
});
