import { Foundation1763740800000 } from './1763740800000-foundation';
import { BlocksAndYears1763827200000 } from './1763827200000-blocks-and-years';
import { Voting1763913600000 } from './1763913600000-voting';

export const migrations = [Foundation1763740800000, BlocksAndYears1763827200000, Voting1763913600000];
