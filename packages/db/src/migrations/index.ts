import { Foundation1763740800000 } from './1763740800000-foundation';

export const migrations = [Foundation1763740800000];
