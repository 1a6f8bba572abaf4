#!/usr/bin/env node
// The `crystens` command: src/cli/main.ts, run from a bundle that tools/cli-bundle rebuilds when a source has
// changed, so the CLI and the studio share one source tree and nothing is compiled at start. tfjs is its ES2017
// bundle, 3–4× faster in Node than its default entry (tools/tfjs-node).
import { bundledCli } from '../tools/cli-bundle/bundle.mjs';

process.setSourceMapsEnabled(true);
const { main } = await import(await bundledCli());
process.exitCode = await main(process.argv.slice(2));
