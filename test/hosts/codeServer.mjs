// Runs the extension in a real VS Code: code-server (VS Code's server with its Node extension host)
// driven by Debian's Chromium through playwright-core. Shared by the integration runner, the UI
// tests, the README screenshots and `npm start`. See scripts/install-test-hosts.sh for the install.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { chromium } from 'playwright-core';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The extension under test and its sample/ workspace: the repo, unless overridden for debugging. */
export const EXTENSION = path.resolve(process.env.RESISTANCE_ATLAS_EXTENSION_PATH || REPO);

const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION || '4.100.3';
export const CACHE_DIR =
  process.env.RESISTANCE_ATLAS_CACHE ||
  path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'resistance-atlas');
const CODE_SERVER_ENTRY = path.join(
  CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Settings every run gets: nothing pops up, nothing phones home, nothing depends on timing luck. */
export const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  // Headless Chromium can look like a screen reader, which changes how the editor renders.
  'editor.accessibilitySupport': 'off',
  'chat.commandCenter.enabled': false,
};

/** A timeout in milliseconds, from env var `name` in seconds when set. */
export function timeoutMs(name, defaultSeconds) {
  const seconds = Number(process.env[name] || defaultSeconds);
  if (!(seconds > 0)) throw new Error(`${name} must be a positive number of seconds, got "${process.env[name]}"`);
  return seconds * 1000;
}

export const TIMEOUTS = {
  server: timeoutMs('RESISTANCE_ATLAS_SERVER_TIMEOUT', 60),
  browser: timeoutMs('RESISTANCE_ATLAS_BROWSER_TIMEOUT', 60),
  workbench: timeoutMs('RESISTANCE_ATLAS_WORKBENCH_TIMEOUT', 120),
};

/** Rejects with `message` when `promise` has not settled within `ms`. */
export async function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Everything started here registers a cleanup. Cleanups run newest first from runCleanups() (the
// scripts' finally blocks) and on SIGINT/SIGTERM/SIGHUP (a second signal exits at once). If the
// process exits without them (a crash), their synchronous part still kills the process groups and
// removes the temp folders.
const cleanups = [];
let handlersInstalled = false;

function onCleanup(cleanup, onExit) {
  if (!handlersInstalled) {
    handlersInstalled = true;
    let signalled = false;
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.on(signal, () => {
        const code = 128 + os.constants.signals[signal];
        if (signalled) process.exit(code);
        signalled = true;
        process.stderr.write(`\n${signal}: shutting down\n`);
        runCleanups().finally(() => process.exit(code));
      });
    }
    process.on('exit', () => {
      for (const entry of cleanups) {
        try {
          entry.onExit();
        } catch {
          // Best effort while exiting.
        }
      }
    });
  }
  const entry = { cleanup, onExit };
  cleanups.push(entry);
  return () => {
    const i = cleanups.indexOf(entry);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

export async function runCleanups() {
  while (cleanups.length) {
    await cleanups.pop().cleanup().catch((e) => console.error(`cleanup: ${e.message}`));
  }
}

/**
 * Prints a suite's closing "N passed, N failed" line (scripts/test-all.sh reads it) and why a run
 * without failures still fails; returns the exit code: 1 on failures, pending tests or no tests.
 */
export function reportTotals(suite, { passes, failures, pending = 0 }) {
  console.log(`${passes} passed, ${failures} failed`);
  if (pending > 0) console.error(`${pending} pending: skipped ${suite} fail the run`);
  if (passes + failures === 0) console.error(`no ${suite} ran`);
  return failures > 0 || pending > 0 || passes === 0 ? 1 : 0;
}

/** Runs a suite's main() (its exit code), prints its error, cleans up, prints the time, and exits. */
export async function runSuite(suite, main) {
  const started = Date.now();
  let exitCode = 1;
  try {
    exitCode = await main();
  } catch (error) {
    console.error(`${suite}: ${error.message}`);
  } finally {
    await runCleanups();
  }
  console.log(`${suite} finished in ${Math.round((Date.now() - started) / 1000)} s`);
  process.exit(exitCode);
}

function killGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch (e) {
    if (e.code !== 'ESRCH') throw e;
  }
}

/** A free TCP port on 127.0.0.1: `preferred` or the next free one above it, else any. */
export async function freePort(preferred = 0) {
  for (let port = preferred; ; port = port ? port + 1 : 0) {
    const found = await new Promise((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(null));
      srv.listen(port, '127.0.0.1', () => {
        const { port: bound } = srv.address();
        srv.close(() => resolve(bound));
      });
    });
    if (found) return found;
    if (preferred && port > preferred + 100) throw new Error(`no free port in ${preferred}-${port}`);
  }
}

/** Links an extension folder into an extensions dir under the name VS Code gives installed ones. */
function installExtension(extensionsDir, extensionPath) {
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8'));
  const name = `${manifest.publisher}.${manifest.name}-${manifest.version}`;
  fs.symlinkSync(path.resolve(extensionPath), path.join(extensionsDir, name), 'dir');
}

/**
 * Starts code-server on 127.0.0.1 in its own process group, with its own config, user data,
 * extensions and HOME in a temp folder, and waits for /healthz.
 *   folder: the workspace folder; copyFolder: open a temp copy of it instead (tests edit freely)
 *   extensions: extension folders to install (symlinked); settings: added to BASE_SETTINGS
 *   env: added to the server's environment, which the extension host inherits
 */
export async function startCodeServer({
  folder, copyFolder = false, extensions = [], settings = {}, env = {}, port,
} = {}) {
  if (!fs.existsSync(CODE_SERVER_ENTRY)) {
    throw new Error(`code-server is not installed at ${CODE_SERVER_ENTRY}; run: bash scripts/install-test-hosts.sh`);
  }
  port = await freePort(port);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'resistance-atlas-cs-'));
  const home = path.join(tmp, 'home');
  const userData = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  const serverTmp = path.join(tmp, 'tmp');
  try {
    for (const dir of [home, path.join(userData, 'User'), extensionsDir]) fs.mkdirSync(dir, { recursive: true });
    fs.mkdirSync(serverTmp, { mode: 0o700 });
    fs.writeFileSync(path.join(userData, 'User', 'settings.json'),
      JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, 2));
    for (const extension of extensions) installExtension(extensionsDir, extension);
    if (folder && copyFolder) {
      const copy = path.join(tmp, 'workspace', path.basename(folder));
      fs.cpSync(folder, copy, { recursive: true });
      folder = copy;
    }
  } catch (error) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw error;
  }

  const serverEnv = {
    ...process.env, ...env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_STATE_HOME: path.join(home, '.local', 'state'),
    // VS Code leaves IPC sockets (vscode-ipc-*.sock) and other files here when it is killed.
    TMPDIR: serverTmp,
    XDG_RUNTIME_DIR: serverTmp,
  };
  // code-server lets PORT/CODE_SERVER_HOST override --bind-addr, and VSCODE_IPC_HOOK_CLI (set in
  // VS Code terminals) makes it hand the folder to that VS Code instead of starting a server.
  for (const key of Object.keys(serverEnv)) {
    if (/^(PORT|CODE_SERVER_HOST|CODE_SERVER_CONFIG|PASSWORD|HASHED_PASSWORD|VSCODE_.*|ELECTRON_RUN_AS_NODE)$/.test(key)) {
      delete serverEnv[key];
    }
  }
  const logFile = path.join(tmp, 'code-server.log');
  const log = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [
    CODE_SERVER_ENTRY,
    '--config', path.join(tmp, 'config.yaml'),
    '--user-data-dir', userData,
    '--extensions-dir', extensionsDir,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    ...(folder ? [folder] : []),
  ], { detached: true, stdio: ['ignore', log, log], env: serverEnv });
  fs.closeSync(log);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal || code)));

  const logTail = (lines = 40) =>
    fs.readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  let stopped = false;
  let stopping;
  // Idempotent, and every caller waits until the group is gone and the temp folder removed.
  const stop = () => (stopping ??= (async () => {
    stopped = true;
    removeCleanup();
    killGroup(child.pid, 'SIGTERM');
    await Promise.race([exited, sleep(5000)]);
    kill();
  })());
  // The extension host and pty host may outlive the server process: clear the whole group.
  const kill = () => {
    killGroup(child.pid, 'SIGKILL');
    if (!process.env.RESISTANCE_ATLAS_KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
  };
  const removeCleanup = onCleanup(stop, kill);

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + TIMEOUTS.server;
  let exitStatus;
  exited.then((status) => { exitStatus = status; });
  for (;;) {
    if (exitStatus !== undefined) {
      const tail = logTail();
      await stop();
      throw new Error(`code-server exited (${exitStatus}) before answering /healthz:\n${tail}`);
    }
    const healthy = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) })
      .then((r) => r.ok, () => false);
    if (healthy) break;
    if (Date.now() > deadline) {
      const tail = logTail();
      await stop();
      throw new Error(`code-server did not answer ${url}/healthz within ${TIMEOUTS.server / 1000} s:\n${tail}`);
    }
    await sleep(250);
  }

  return {
    url, port, folder, tmp, logFile, logTail, stop,
    /** Resolves with the exit code or signal when the server process ends. */
    exited,
    get stopped() { return stopped; },
    /** The workbench URL on `folder`; `payload` entries such as ['extensionTestsPath', path]. */
    workbenchUrl(payload) {
      let u = `${url}/?folder=${encodeURIComponent(folder).replaceAll('%2F', '/')}`;
      if (payload) {
        const remote = payload.map(([key, value]) => [key, `vscode-remote://remote${value}`]);
        u += `&payload=${encodeURIComponent(JSON.stringify(remote))}`;
      }
      return u;
    },
  };
}

/** Launches headless Chromium with a temp profile; returns its context, first page and close(). */
export async function launchBrowser({ viewport = { width: 1280, height: 800 } } = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'resistance-atlas-chromium-'));
  const home = path.join(tmp, 'home');
  let context;
  let closing;
  const close = () => (closing ??= (async () => {
    removeCleanup();
    if (context) await withTimeout(context.close(), 15000, 'Chromium did not close').catch(() => {});
    removeProfile();
  })());
  const removeProfile = () => fs.rmSync(tmp, { recursive: true, force: true });
  const removeCleanup = onCleanup(close, removeProfile);
  try {
    context = await withTimeout(chromium.launchPersistentContext(path.join(tmp, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      // Chromium also writes crash reports, dconf and NSS data under HOME, XDG_* and TMPDIR.
      env: {
        ...process.env,
        HOME: home,
        TMPDIR: tmp,
        XDG_CONFIG_HOME: path.join(home, '.config'),
        XDG_CACHE_HOME: path.join(home, '.cache'),
        XDG_DATA_HOME: path.join(home, '.local', 'share'),
      },
      viewport,
      // Our own handlers stop code-server too, in order; Playwright's would exit first.
      handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
      timeout: TIMEOUTS.browser,
    }), TIMEOUTS.browser + 5000, `Chromium (${CHROMIUM}) did not start`);
  } catch (e) {
    await close();
    throw e;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, close };
}

/** Opens the workbench and waits until the explorer lists the workspace folder's files. */
export async function loadWorkbench(page, url) {
  await withTimeout((async () => {
    await page.goto(url, { timeout: TIMEOUTS.workbench });
    await page.locator('.explorer-folders-view .monaco-list-row').first()
      .waitFor({ state: 'visible', timeout: TIMEOUTS.workbench });
  })(), TIMEOUTS.workbench + 5000, `the workbench at ${url} did not show the explorer`);
}

// The gallery (open-vsx.org) is unreachable offline; VS Code logs that, harmlessly.
const NOISE = /open-vsx\.org/;

/**
 * Relays log lines from the page console to `write`. VS Code logs the extension host's console
 * (and its own log) as ('%c LEVEL', css, fmt, ...args). INFO lines are relayed once `startMarker`
 * has been seen (before that they are the workbench's start-up chatter), warnings and errors always,
 * everything with RESISTANCE_ATLAS_VERBOSE=1. Returns flush(), which waits for pending lines.
 */
export function relayConsole(page, write, { startMarker } = {}) {
  const verbose = !!process.env.RESISTANCE_ATLAS_VERBOSE;
  let started = !startMarker;
  let chain = Promise.resolve();
  page.on('console', (msg) => {
    // Arguments resolve asynchronously: chain them so lines keep their order.
    chain = chain.then(async () => {
      const values = await Promise.all(msg.args().map((a) => a.jsonValue())).catch(() => [msg.text()]);
      const m = typeof values[0] === 'string' && /^%c\s*(\w+)$/.exec(values[0]);
      if (!m) {
        if (verbose && values.length) write(`[browser] ${format(...values)}`);
        return;
      }
      const level = m[1];
      const text = format(...values.slice(2));
      if (startMarker && text.includes(startMarker)) started = true;
      if (verbose || (level === 'INFO' ? started : !NOISE.test(text))) {
        write(level === 'INFO' ? text : `[${level}] ${text}`);
      }
    });
  });
  return () => chain;
}
