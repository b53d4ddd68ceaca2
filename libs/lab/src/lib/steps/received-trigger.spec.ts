import { receivedTriggerHolds, type ReceivedCounts } from './received-trigger';
import { StepFailure } from './step-failure';

const counts = (
  bytesArrived: number,
  connection: Partial<ReceivedCounts['connection']> = {},
  linesArrived = 0,
): ReceivedCounts => ({
  bytesArrived,
  linesArrived,
  connection: { peerClosed: false, state: 'ESTABLISHED', socket: { readableBytes: 0 }, ...connection },
});

const bytes = (n: number) => ({ kind: 'received' as const, conn: 'c1', bytes: n });
const lines = (n: number) => ({ kind: 'received' as const, conn: 'c1', lines: n });
const eof = { kind: 'received' as const, conn: 'c1', eof: true as const };

describe('the received trigger', () => {
  it('holds once enough has arrived and waits while more may come', () => {
    expect(receivedTriggerHolds(bytes(10), counts(10))).toBe(true);
    expect(receivedTriggerHolds(bytes(10), counts(9))).toBe(false);
    expect(receivedTriggerHolds(lines(2), counts(0, {}, 2))).toBe(true);
    expect(receivedTriggerHolds(eof, counts(0, { peerClosed: true }))).toBe(true);
    expect(receivedTriggerHolds(bytes(1), undefined)).toBe(false);
  });

  it('fails at once when a reset connection can never deliver the rest', () => {
    const check = () => receivedTriggerHolds(bytes(65546), counts(6, { state: 'CLOSED' }));
    expect(check).toThrow(StepFailure);
    expect(check).toThrow('c1 can receive nothing more: it was reset or closed after 6 byte(s)');
    expect(() => receivedTriggerHolds(eof, counts(0, { state: 'CLOSED' }))).toThrow('after no FIN');
  });

  it('fails at once when the FIN came before enough lines', () => {
    expect(() => receivedTriggerHolds(lines(3), counts(20, { peerClosed: true }, 1))).toThrow(
      'the other side closed it (FIN) after 1 line(s)',
    );
  });

  it('keeps waiting while received bytes are still held unread in the socket (reading paused)', () => {
    expect(
      receivedTriggerHolds(bytes(100), counts(10, { peerClosed: true, socket: { readableBytes: 90 } })),
    ).toBe(false);
  });
});
