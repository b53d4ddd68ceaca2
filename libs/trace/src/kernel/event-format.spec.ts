import { addressFilter, filterWordForIpv4 } from './address-filter';
import { parseEventFormat, readIntField, requireField } from './event-format';

const FORMAT = `name: tcp_send_reset
ID: 2280
format:
	field:unsigned short common_type;	offset:0;	size:2;	signed:0;
	field:int common_pid;	offset:4;	size:4;	signed:1;

	field:const void * skaddr;	offset:16;	size:8;	signed:0;
	field:int state;	offset:24;	size:4;	signed:1;
	field:enum sk_rst_reason reason;	offset:28;	size:4;	signed:0;
	field:__u8 saddr[28];	offset:32;	size:28;	signed:0;

print fmt: "state=%s reason=%s", REC->state ? __print_symbolic(REC->state, { TCP_ESTABLISHED, "TCP_ESTABLISHED" }) : "UNKNOWN", __print_symbolic(REC->reason, { 0, "NOT_SPECIFIED" }, { 1, "NO_SOCKET" }, { 11, "TCP_ABORT_ON_CLOSE" })
`;

describe('parseEventFormat', () => {
  const format = parseEventFormat('tcp', FORMAT);

  it('reads name, id, pointer, enum and array fields with offsets and signedness', () => {
    expect(format).toMatchObject({ system: 'tcp', name: 'tcp_send_reset', id: 2280 });
    expect(format.fields.get('skaddr')).toEqual({
      name: 'skaddr',
      type: 'const void *',
      offset: 16,
      size: 8,
      signed: false,
    });
    expect(format.fields.get('saddr')).toMatchObject({ type: '__u8', size: 28, arrayLength: 28 });
    expect(format.fields.get('reason')).toMatchObject({ type: 'enum sk_rst_reason', offset: 28 });
  });

  it('keeps numeric __print_symbolic tables only', () => {
    expect(format.symbols.get('reason')?.get(11)).toBe('TCP_ABORT_ON_CLOSE');
    expect(format.symbols.has('state')).toBe(false);
  });

  it('reads signed values exactly', () => {
    const record = Buffer.alloc(64);
    record.writeInt32LE(-7, 24);
    record.writeBigUInt64LE(0xffff888812345678n, 16);
    expect(readIntField(record, requireField(format, 'state'))).toBe(-7n);
    expect(readIntField(record, requireField(format, 'skaddr'))).toBe(0xffff888812345678n);
  });

  it('names the missing field when the kernel layout changed', () => {
    expect(() => requireField(format, 'sport')).toThrow(/tcp\/tcp_send_reset has no field 'sport'/);
  });
});

describe('addressFilter', () => {
  it('encodes network-order address bytes as the little-endian word the kernel compares', () => {
    expect(filterWordForIpv4('10.202.9.1')).toBe('0x0109ca0a');
  });

  it('filters 4-byte address fields and declines sockaddr-sized ones', () => {
    const v4 = parseEventFormat(
      'sock',
      'name: x\nID: 1\n\tfield:__u16 family;\toffset:28;\tsize:2;\tsigned:0;\n\tfield:__u8 saddr[4];\toffset:32;\tsize:4;\tsigned:0;\n\tfield:__u8 daddr[4];\toffset:36;\tsize:4;\tsigned:0;\n',
    );
    expect(addressFilter(['10.202.0.1'], v4)).toBe(
      '(family == 2 || family == 10) && (saddr == 0x0100ca0a || daddr == 0x0100ca0a)',
    );
    expect(addressFilter(['10.202.0.1'], parseEventFormat('tcp', FORMAT))).toBeNull();
    expect(addressFilter([], v4)).toBeNull();
  });
});
