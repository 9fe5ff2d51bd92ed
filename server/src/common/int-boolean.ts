import type { ValueTransformer } from 'typeorm';

/** Booleans stored as int 1/0 on both databases. */
export const intBoolean: ValueTransformer = {
  to: (value: boolean | undefined) => (value === undefined ? undefined : value ? 1 : 0),
  from: (value: number | string | boolean | null) => value !== null && Number(value) === 1,
};
