// A TrueType file imported as a module in workerd (wrangler.toml's Data rule): its bytes.
declare module '*.ttf' {
  const bytes: ArrayBuffer;
  export default bytes;
}
