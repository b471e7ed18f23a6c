import { z } from 'zod';

/** Field types shared by the fixture's schemas. */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const guid = z.string().regex(GUID, { message: 'must be a GUID such as 00000000-0000-4000-8000-000000000000' });

export const armName = z.string().regex(/^[A-Za-z0-9._()-]+$/, { message: "must be a name of letters, digits, '.', '_', '-', '(' or ')'" });

export const text = z.string().min(1, { message: 'must be a non-empty string' });
