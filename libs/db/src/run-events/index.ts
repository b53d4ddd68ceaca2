export { runEventsKey, RUN_EVENTS_MAX_LEN, RUN_EVENTS_TTL_SECONDS } from './keys';
export { RunEventPublisher, type RunEventStreamOptions } from './run-event-publisher';
export { RunEventReader, type RunEventReaderOptions, type ReadRunEventsOptions } from './run-event-reader';
export { RunEventFanout, type RunEventFanoutOptions, type RunEventWatch } from './run-event-fanout';
