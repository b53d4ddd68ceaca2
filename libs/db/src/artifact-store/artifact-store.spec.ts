import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

import { FilesystemArtifactStore } from './filesystem-artifact-store';

describe('FilesystemArtifactStore', () => {
  let root: string;
  let store: FilesystemArtifactStore;

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'artifact-store-spec-'));
    store = new FilesystemArtifactStore(path.join(root, 'store'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
  const read = async (stream: Readable) => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };

  it('stores buffers, streams and files and reports size and sha256', async () => {
    const text = 'hello capture';
    await expect(store.put('t/r/1/a.txt', Buffer.from(text))).resolves.toEqual({
      size: 13,
      sha256: sha(text),
    });
    const big = Buffer.alloc(300_000, 7);
    const stream = Readable.from([big.subarray(0, 100_000), big.subarray(100_000)]);
    await expect(store.put('t/r/1/b.bin', stream)).resolves.toEqual({ size: big.length, sha256: sha(big) });
    const file = path.join(root, 'report.json');
    await writeFile(file, '{"score":1}');
    await expect(store.put('t/r/1/report.json', { path: file })).resolves.toEqual({
      size: 11,
      sha256: sha('{"score":1}'),
    });
    expect(await read(await store.get('t/r/1/report.json'))).toBe('{"score":1}');
    await expect(store.stat('t/r/1/b.bin')).resolves.toEqual({ size: 300_000 });
  });

  it('serves inclusive byte ranges, clipped at the end, and refuses unsatisfiable ones', async () => {
    await store.put('k', Buffer.from('0123456789'));
    expect(await read(await store.get('k', { start: 2, end: 4 }))).toBe('234');
    expect(await read(await store.get('k', { start: 8, end: 100 }))).toBe('89');
    await expect(store.get('k', { start: 10, end: 12 })).rejects.toMatchObject({
      code: 'artifact/invalid-range',
    });
    await expect(store.get('k', { start: 5, end: 4 })).rejects.toMatchObject({
      code: 'artifact/invalid-range',
    });
  });

  it('replaces atomically and leaves the old object and no temp file when a put fails', async () => {
    await store.put('run/trace.json', Buffer.from('old'));
    const failing = new Readable({
      read() {
        this.push('partial new content');
        this.destroy(new Error('source broke'));
      },
    });
    await expect(store.put('run/trace.json', failing)).rejects.toMatchObject({
      code: 'artifact/storage-failed',
    });
    expect(await read(await store.get('run/trace.json'))).toBe('old');
    expect(await readdir(path.join(root, 'store', 'run'))).toEqual(['trace.json']);
    await store.put('run/trace.json', Buffer.from('new'));
    expect(await read(await store.get('run/trace.json'))).toBe('new');
  });

  it('reports missing objects as artifact/not-found and deletes idempotently', async () => {
    await expect(store.stat('nope')).rejects.toMatchObject({ code: 'artifact/not-found' });
    await expect(store.get('nope')).rejects.toMatchObject({ code: 'artifact/not-found' });
    await store.put('gone', Buffer.from('x'));
    await store.delete('gone');
    await store.delete('gone');
    await expect(store.stat('gone')).rejects.toMatchObject({ code: 'artifact/not-found' });
    await expect(store.put('a/src', { path: path.join(root, 'missing') })).rejects.toMatchObject({
      code: 'artifact/storage-failed',
    });
  });

  it.each([
    '',
    '../escape',
    'a/../../b',
    '/abs',
    'a//b',
    'a/./b',
    'a\\b',
    'a/b/',
    'new\nline',
    'x'.repeat(513),
  ])('refuses the key %j', async (key) => {
    await expect(store.put(key, Buffer.from('x'))).rejects.toMatchObject({ code: 'artifact/invalid-key' });
    await expect(store.get(key)).rejects.toMatchObject({ code: 'artifact/invalid-key' });
    await expect(store.delete(key)).rejects.toMatchObject({ code: 'artifact/invalid-key' });
  });
});
