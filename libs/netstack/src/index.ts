export * from './wire/ip-types';
export * from './wire/tcp-repr';
export * from './tcp/api';
export * from './tcp';

export * from './wire/result';
export * from './wire/checksum';
export * from './wire/mac';
export * from './wire/ethernet';
export * from './wire/arp';
export * from './wire/ipv4';
export * from './wire/icmpv4';
export * from './wire/udp';
export * from './wire/tcp';
export * from './wire/tcp-options';

export * from './iface/errors';
export * from './iface/counters';
export * from './iface/arp-cache';
export * from './iface/udp-socket';
export * from './iface/host';
export * from './iface/link';

export * from './clock/driver';
export * from './clock/virtual-clock';
export * from './clock/live-driver';

export * from './peer/connection';
export * from './peer/listener';
export * from './peer/peer';

export * from './puppet/flags';
export * from './puppet/puppet';
