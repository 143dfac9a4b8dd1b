// The `process` package's browser shim (see processShim.ts).
declare module 'process/browser.js' {
  const process: NodeJS.Process;
  export default process;
}
