// Finds a Chromium for the browser tests, and (run as a script) installs Debian's when there is none and the
// machine allows it. Never downloads a browser build: only the system's package manager installs one.
//   node tools/test-kit/chromium.mjs    → prints the path, installing `chromium` with apt if needed and allowed
import { execFileSync, spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Where Debian, Ubuntu and macOS put Chromium or Chrome, in the order they are tried after CHROMIUM_PATH. */
export const CHROMIUM_LOCATIONS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/snap/bin/chromium",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
];

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** CHROMIUM_PATH when it is set (whether or not it exists), else the first usual location that exists. */
export function findChromium() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return CHROMIUM_LOCATIONS.find(executable);
}

/** How this process may run apt-get: as root, through sudo without a password, or not at all. */
function aptRunner() {
  if (process.platform !== "linux" || spawnSync("sh", ["-c", "command -v apt-get"]).status !== 0) return undefined;
  if (process.getuid?.() === 0) return [];
  return spawnSync("sudo", ["-n", "true"], { stdio: "ignore" }).status === 0 ? ["sudo", "-n"] : undefined;
}

/** Find Chromium, or install Debian's package when allowed; exit non-zero with one line when neither works. */
function ensureChromium() {
  const found = findChromium();
  if (found && executable(found)) return found;
  if (process.env.CHROMIUM_PATH) {
    console.error(`chromium: CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable; fix or unset it.`);
    process.exit(1);
  }
  const runner = aptRunner();
  if (runner === undefined) {
    console.error(
      "chromium: no Chromium or Chrome found for the browser tests; install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH.",
    );
    process.exit(1);
  }
  console.log("chromium: none found; installing Debian's chromium package with apt-get for the browser tests");
  const run = (args) => {
    const [command, ...rest] = [...runner, ...args];
    execFileSync(command, rest, {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  };
  run(["apt-get", "update", "-qq"]);
  run(["apt-get", "install", "-y", "-qq", "chromium"]);
  const installed = CHROMIUM_LOCATIONS.find(executable);
  if (!installed) {
    console.error(
      "chromium: apt-get installed chromium but no executable appeared in the usual places; set CHROMIUM_PATH.",
    );
    process.exit(1);
  }
  return installed;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`chromium: ${ensureChromium()}`);
}
