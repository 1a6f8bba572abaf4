/**
 * Why a model's files are not loaded, in one line that names the file and the field (model-check.ts). Its own
 * module, free of tfjs, so that the CLI's entry point can tell a refusal (exit 2, the line alone) from a fault
 * without loading the engine.
 */
export class ModelRefusal extends Error {
  override readonly name = 'ModelRefusal';
}
