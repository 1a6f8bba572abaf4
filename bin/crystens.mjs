#!/usr/bin/env node
// The `crystens` command: src/cli/main.ts, run from a bundle that tools/cli-bundle rebuilds when a source has
// changed, so the CLI and the studio share one source tree and nothing is compiled at start. tfjs is its ES2017
// bundle, 3–4× faster in Node than its default entry (tools/tfjs-node).
import { setFlagsFromString } from 'node:v8';
import { bundledCli } from '../tools/cli-bundle/bundle.mjs';

// V8 optimises a hot wasm function in the background and holds the process's exit until that is done; moyo's
// largest function takes it about a second, so a parse of one CIF waited longer than it worked. With a budget
// 550× V8's default, short runs keep their baseline code, while a dataset's parse or a training run still
// optimises what is hot (same CPU time on perov_5 val, same steps per second, identical samples).
setFlagsFromString('--wasm-tiering-budget=1000000000');
process.setSourceMapsEnabled(true);
const { main } = await import(await bundledCli());
process.exitCode = await main(process.argv.slice(2));
