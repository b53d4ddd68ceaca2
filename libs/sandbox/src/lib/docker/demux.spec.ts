import { DockerStreamDemuxer } from './demux';

function frame(stream: 1 | 2, text: string): Buffer {
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(Buffer.byteLength(text), 4);
  return Buffer.concat([header, Buffer.from(text)]);
}

describe('DockerStreamDemuxer', () => {
  it('splits frames that arrive split and merged across chunks', () => {
    const seen: string[] = [];
    const demuxer = new DockerStreamDemuxer((stream, data) => seen.push(`${stream}:${data.toString()}`));
    const bytes = Buffer.concat([frame(1, 'hello'), frame(2, 'oops'), frame(1, '!')]);
    const cuts = [0, 3, 9, 15, 20, bytes.length];
    for (let i = 1; i < cuts.length; i++) demuxer.push(bytes.subarray(cuts[i - 1], cuts[i]));
    expect(seen).toEqual(['stdout:hello', 'stderr:oops', 'stdout:!']);
  });
});
