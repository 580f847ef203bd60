/**
 * @clearbox/dgmtracker/node — runs on disk in Node: a folder as the run store's storage, and readers of runs written
 * elsewhere (PyTorch checkpoint folders, TensorBoard event files).
 *
 * @module @clearbox/dgmtracker/node
 * @packageDocumentation
 */
export { directoryStorage } from "./store/directory-storage.js";
export type { DirectoryStorage } from "./store/directory-storage.js";
