export * from './types';
export * from './parse';
export * from './serialize';
export * from './faults';
export * from './events';
export * from './data-types';
export { assertNoDtd, XmlError } from './xml';
