export * from './common';
export * from './vote-minutes';
export * from './submission';
export * from './council-minutes';
export * from './decision';
export * from './certificates';
export * from './conference-record';
export * from './conference-minutes';
