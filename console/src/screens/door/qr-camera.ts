/**
 * The phone's camera read for QR codes: the browser's BarcodeDetector where it has one (Android,
 * macOS), else jsqr on frames drawn to a canvas. About 8 frames a second are enough at a door and
 * leave the phone's battery and the page's answers alone; frames are scaled down to 640 px.
 */
const FRAME_INTERVAL_MS = 125;
const MAX_WIDTH = 640;

type Detector = { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> };
type DetectorClass = { new (options: { formats: string[] }): Detector; getSupportedFormats(): Promise<string[]> };

async function nativeDetector(): Promise<Detector | null> {
  const BarcodeDetector = (window as unknown as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (!BarcodeDetector) return null;
  try {
    return (await BarcodeDetector.getSupportedFormats()).includes('qr_code') ? new BarcodeDetector({ formats: ['qr_code'] }) : null;
  } catch {
    return null;
  }
}

export type CameraProblem = 'unsupported' | 'denied' | 'unavailable';

export class QrCamera {
  private stream: MediaStream | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  private canvas: HTMLCanvasElement | null = null;

  /** Shows the camera in `video` and calls `onCode` with every code read (the caller drops repeats). */
  async start(video: HTMLVideoElement, onCode: (text: string) => void): Promise<CameraProblem | null> {
    if (!navigator.mediaDevices?.getUserMedia) return 'unsupported';
    this.stopped = false;
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 } }, audio: false });
    } catch (error) {
      this.stopped = true;
      return error instanceof DOMException && (error.name === 'NotAllowedError' || error.name === 'SecurityError') ? 'denied' : 'unavailable';
    }
    if (this.stopped) {
      this.release();
      return null;
    }
    video.srcObject = this.stream;
    video.muted = true;
    video.playsInline = true;
    await video.play().catch(() => undefined);
    const detector = await nativeDetector();
    const decode = detector ? null : (await import('./jsqr-decoder.js')).decodeQr;
    const tick = async () => {
      if (this.stopped) return;
      try {
        const text = detector ? ((await detector.detect(video))[0]?.rawValue ?? null) : this.readFrame(video, decode!);
        if (text && !this.stopped) onCode(text);
      } catch {
        // A frame that could not be read (the video not ready yet): the next one will do.
      }
      if (!this.stopped) this.timer = setTimeout(() => void tick(), FRAME_INTERVAL_MS);
    };
    void tick();
    return null;
  }

  private readFrame(video: HTMLVideoElement, decode: (image: ImageData) => string | null): string | null {
    if (video.readyState < 2 || !video.videoWidth) return null;
    const scale = Math.min(1, MAX_WIDTH / video.videoWidth);
    const width = Math.round(video.videoWidth * scale);
    const height = Math.round(video.videoHeight * scale);
    this.canvas ??= document.createElement('canvas');
    if (this.canvas.width !== width) this.canvas.width = width;
    if (this.canvas.height !== height) this.canvas.height = height;
    const context = this.canvas.getContext('2d', { willReadFrequently: true });
    if (!context) return null;
    context.drawImage(video, 0, 0, width, height);
    return decode(context.getImageData(0, 0, width, height));
  }

  stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.release();
  }

  private release() {
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = null;
  }
}

/**
 * The camera sees the same code many times a second while a ticket is held up: a code is passed on
 * again only once it has been out of sight for `quietMs` (2 s), so one ticket is one scan.
 */
export class RepeatFilter {
  private last: { text: string; seenAt: number } | null = null;
  constructor(private readonly quietMs = 2_000) {}

  /** true when this sighting is a new scan. */
  accept(text: string, now: number): boolean {
    const repeat = this.last !== null && this.last.text === text && now - this.last.seenAt < this.quietMs;
    this.last = { text, seenAt: now };
    return !repeat;
  }
}
