export * from './wire/ip-types';
export * from './wire/tcp-repr';
export * from './tcp/api';
