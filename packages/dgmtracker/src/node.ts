/**
 * @clearbox/dgmtracker/node — runs on disk in Node: a folder as the run store's storage, and readers of runs written
 * elsewhere (PyTorch checkpoint folders, TensorBoard event files).
 *
 * @module @clearbox/dgmtracker/node
 * @packageDocumentation
 */
export { directoryStorage } from "./store/directory-storage.js";
export type { DirectoryStorage, DirectoryStorageOptions } from "./store/directory-storage.js";
export { importCheckpoints } from "./pytorch/checkpoint-folder.js";
export type { ImportCheckpointsOptions, ImportedCheckpoints } from "./pytorch/checkpoint-folder.js";
export { sampleRunFolder } from "./analysis/sample-run-folder.js";
export { openSafetensors } from "./pytorch/safetensors.js";
export type { SafetensorsEntry, SafetensorsFile } from "./pytorch/safetensors.js";
export { readTensorBoardScalars } from "./tensorboard/read-folder.js";
export type { ReadTensorBoardOptions } from "./tensorboard/read-folder.js";
