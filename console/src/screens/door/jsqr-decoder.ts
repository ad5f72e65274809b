// The fallback QR decoder (jsqr: pure JavaScript, no eval or wasm, so it runs under the console's
// CSP), in a chunk of its own loaded only where the browser has no BarcodeDetector.
import jsQR from 'jsqr';

export function decodeQr(image: ImageData): string | null {
  return jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
}
