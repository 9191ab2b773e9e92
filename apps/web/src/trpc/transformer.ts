/** Must match the API's transformer (packages/api/src/transformer.ts): superjson keeps Dates. */
export { default as transformer } from 'superjson';
