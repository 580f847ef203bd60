import { defineConfig } from "vite";

// A static page: `pnpm --filter cnn-explorer build` writes dist/, openable from any static server.
export default defineConfig({ base: "./", build: { chunkSizeWarningLimit: 4000 } });
