import { Foundation1763740800000 } from './1763740800000-foundation';
import { BlocksAndYears1763827200000 } from './1763827200000-blocks-and-years';

export const migrations = [Foundation1763740800000, BlocksAndYears1763827200000];
