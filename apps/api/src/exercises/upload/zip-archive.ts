/**
 * A zip reader for uploaded exercise folders that trusts nothing in the archive
 * (PKWARE APPNOTE 6.3: end of central directory §4.3.16, central directory header
 * §4.3.12, local file header §4.3.7). It reads the central directory only, refuses what
 * it does not support (zip64, split archives, encryption, methods other than stored and
 * deflate), and inflates each entry with an output cap equal to its declared size, then
 * checks length and CRC-32. So an archive that lies about its sizes (a zip bomb) is
 * stopped after at most the declared bytes, and the declared sizes are bounded by the
 * caller before anything is inflated. Nothing is written to disk.
 */
import { crc32, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  /** As stored: '/'-separated by the format; a directory's name ends with '/'. */
  name: string;
  kind: 'file' | 'directory' | 'symlink' | 'other';
  method: number;
  encrypted: boolean;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** Why the bytes are not a zip this reader accepts; the message says it to a person. */
export class ZipFormatError extends Error {
  override readonly name = 'ZipFormatError';
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
const MAX_COMMENT = 0xffff;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;
/** "Version made by" host 3 = UNIX: the high 16 bits of the external attributes are st_mode. */
const HOST_UNIX = 3;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
/** MS-DOS directory attribute (low byte of the external attributes). */
const DOS_DIRECTORY = 0x10;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The number of entries the archive declares, read before any entry is parsed. */
export function declaredEntryCount(archive: Buffer): number {
  return readEndOfCentralDirectory(archive).entries;
}

/** Every entry of the central directory, in archive order. */
export function readZipEntries(archive: Buffer): ZipEntry[] {
  const end = readEndOfCentralDirectory(archive);
  const entries: ZipEntry[] = [];
  let at = end.directoryOffset;
  for (let i = 0; i < end.entries; i++) {
    if (at + CENTRAL_SIZE > archive.length || archive.readUInt32LE(at) !== CENTRAL_SIGNATURE)
      throw new ZipFormatError(`the central directory is damaged at entry ${i + 1}`);
    const madeBy = archive.readUInt16LE(at + 4);
    const flags = archive.readUInt16LE(at + 8);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const external = archive.readUInt32LE(at + 38);
    const nameEnd = at + CENTRAL_SIZE + nameLength;
    if (nameEnd > archive.length) throw new ZipFormatError(`the name of entry ${i + 1} runs past the end of the archive`);
    const name = decodeName(archive.subarray(at + CENTRAL_SIZE, nameEnd), i + 1);
    const entry: ZipEntry = {
      name,
      kind: kindOf(name, madeBy >> 8, external),
      method: archive.readUInt16LE(at + 10),
      encrypted: (flags & 0x1) !== 0,
      crc32: archive.readUInt32LE(at + 16),
      compressedSize: archive.readUInt32LE(at + 20),
      uncompressedSize: archive.readUInt32LE(at + 24),
      localHeaderOffset: archive.readUInt32LE(at + 42),
    };
    if ([entry.compressedSize, entry.uncompressedSize, entry.localHeaderOffset].includes(0xffffffff))
      throw new ZipFormatError(`entry "${name}" needs zip64, which is not supported (an exercise folder never needs it)`);
    entries.push(entry);
    at = nameEnd + extraLength + commentLength;
  }
  return entries;
}

/**
 * The entry's content. Inflates at most `uncompressedSize` bytes, and refuses an entry
 * whose data is not what its header declares (size or CRC-32).
 */
export function readZipEntry(archive: Buffer, entry: ZipEntry): Buffer {
  if (entry.encrypted) throw new ZipFormatError(`entry "${entry.name}" is encrypted`);
  const at = entry.localHeaderOffset;
  if (at + LOCAL_SIZE > archive.length || archive.readUInt32LE(at) !== LOCAL_SIGNATURE)
    throw new ZipFormatError(`the local header of entry "${entry.name}" is missing`);
  const start = at + LOCAL_SIZE + archive.readUInt16LE(at + 26) + archive.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > archive.length) throw new ZipFormatError(`the data of entry "${entry.name}" runs past the end of the archive`);
  const data = archive.subarray(start, end);
  let content: Buffer;
  if (entry.method === METHOD_STORED) content = data;
  else if (entry.method === METHOD_DEFLATE) {
    try {
      // maxOutputLength must be ≥ 1; an entry declared empty that inflates to more fails the length check.
      content = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    } catch (error) {
      const tooLarge = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
      throw new ZipFormatError(
        tooLarge
          ? `entry "${entry.name}" inflates to more than the ${entry.uncompressedSize} bytes it declares`
          : `entry "${entry.name}" is not valid deflate data`,
      );
    }
  } else {
    throw new ZipFormatError(`entry "${entry.name}" uses compression method ${entry.method}; only stored (0) and deflate (8) are supported`);
  }
  if (content.length !== entry.uncompressedSize)
    throw new ZipFormatError(`entry "${entry.name}" holds ${content.length} bytes but declares ${entry.uncompressedSize}`);
  if (crc32(content) !== entry.crc32) throw new ZipFormatError(`entry "${entry.name}" fails its CRC-32 check`);
  return content;
}

function readEndOfCentralDirectory(archive: Buffer): { entries: number; directoryOffset: number } {
  const lowest = Math.max(0, archive.length - EOCD_SIZE - MAX_COMMENT);
  for (let at = archive.length - EOCD_SIZE; at >= lowest; at--) {
    if (archive.readUInt32LE(at) !== EOCD_SIGNATURE) continue;
    const disk = archive.readUInt16LE(at + 4);
    const directoryDisk = archive.readUInt16LE(at + 6);
    const entriesHere = archive.readUInt16LE(at + 8);
    const entries = archive.readUInt16LE(at + 10);
    const directoryOffset = archive.readUInt32LE(at + 16);
    if (entries === 0xffff || directoryOffset === 0xffffffff)
      throw new ZipFormatError('the archive is a zip64 archive, which is not supported (an exercise folder never needs it)');
    if (disk !== 0 || directoryDisk !== 0 || entriesHere !== entries)
      throw new ZipFormatError('the archive is split over several files; send it as one zip');
    return { entries, directoryOffset };
  }
  throw new ZipFormatError('this is not a zip archive (no end-of-central-directory record)');
}

function decodeName(bytes: Buffer, index: number): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ZipFormatError(`the name of entry ${index} is not UTF-8; name files in UTF-8 (plain ASCII is best)`);
  }
}

function kindOf(name: string, host: number, external: number): ZipEntry['kind'] {
  const mode = (external >>> 16) & S_IFMT;
  if (host === HOST_UNIX && mode !== 0) {
    if (mode === S_IFLNK) return 'symlink';
    if (mode === S_IFDIR) return 'directory';
    if (mode !== S_IFREG) return 'other';
  }
  return name.endsWith('/') || (external & DOS_DIRECTORY) !== 0 ? 'directory' : 'file';
}
