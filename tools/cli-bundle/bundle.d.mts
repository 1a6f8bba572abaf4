/** Types of bundle.mjs, for the TypeScript that imports it (tests, benches). */
export const CACHE: string;
export function sourceStamp(root?: string, inputs?: readonly string[]): number;
export function buildCli(cache?: string, stamp?: number): Promise<string>;
export function bundledCli(cache?: string): Promise<string>;
