/** `node --import ./tools/tfjs-node/register.mjs …` (or import it first) to load tfjs's fast bundle in Node. */
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
