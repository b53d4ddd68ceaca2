import { refreshDelay } from './run-refresh';

describe('refreshDelay', () => {
  it('leaves a finished run alone and a live one to the stream', () => {
    expect(refreshDelay({ finished: true, hasResult: true, feed: 'ended' })).toBeNull();
    expect(refreshDelay({ finished: false, hasResult: false, feed: 'live' })).toBeNull();
    expect(refreshDelay({ finished: false, hasResult: false, feed: 'connecting' })).toBeNull();
  });

  it('asks soon when the stream has the result but the API does not say finished yet', () => {
    expect(refreshDelay({ finished: false, hasResult: true, feed: 'ended' })).toBe(1000);
  });

  it('asks slowly while the stream is out of reach', () => {
    expect(refreshDelay({ finished: false, hasResult: false, feed: 'failed' })).toBe(5000);
    expect(refreshDelay({ finished: false, hasResult: false, feed: 'reconnecting' })).toBe(5000);
  });

  it('asks every few seconds for a queued run’s position while the API reports one', () => {
    expect(refreshDelay({ finished: false, hasResult: false, feed: 'live', queuedWithPosition: true })).toBe(3000);
    expect(refreshDelay({ finished: false, hasResult: false, feed: 'live', queuedWithPosition: false })).toBeNull();
  });
});
