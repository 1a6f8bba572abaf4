/** Types of wrapper.mjs, for the TypeScript that imports it (vite.config.ts). */
export const BUNDLE_PATH: string;
export function wrapperSource(): string;
