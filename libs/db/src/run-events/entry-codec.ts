import { LabEventSchema, type LabEvent } from '@socklab/contracts';

import { seqOfStreamId } from './keys';

/** A stream entry as ioredis returns it: `[id, [field, value, …]]`. */
export type StreamEntry = [id: string, fields: string[]];

/**
 * The LabEvent stored in one stream entry (field `event`, JSON without `seq`); its seq is
 * the one the entry id encodes. Throws when the entry is not a valid LabEvent.
 */
export function decodeRunEventEntry(id: string, fields: string[]): LabEvent {
  const index = fields.indexOf('event');
  const body = index >= 0 ? fields[index + 1] : undefined;
  if (body === undefined) throw new Error(`Run event ${id} has no "event" field.`);
  return LabEventSchema.parse({ ...JSON.parse(body), seq: seqOfStreamId(id) });
}
