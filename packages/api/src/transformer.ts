import superjson from 'superjson';

/** The API's wire transformer (Dates stay Dates). The tRPC client must use the same one. */
export const transformer = superjson;
