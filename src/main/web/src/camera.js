// The phone's back camera read for QR codes with jsQR, a few frames a second. A card held in
// front of the camera is reported once: the same text is ignored while it was seen in the last
// few seconds, so a trainer gets one scan per presentation.
import jsQR from 'jsqr';

const FRAME_MS = 120;
const MAX_SIDE = 800;
const REPEAT_MS = 8000;

export class Camera {
  constructor(video, onCode) {
    this.video = video;
    this.onCode = onCode;
    this.stream = null;
    this.timer = null;
    this.lastSeen = new Map();
    this.canvas = document.createElement('canvas');
    this.context = this.canvas.getContext('2d', { willReadFrequently: true });
  }

  get running() {
    return this.stream !== null;
  }

  async start() {
    if (this.stream) {
      return;
    }
    this.stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
    });
    this.video.srcObject = this.stream;
    await this.video.play();
    this.timer = setTimeout(() => this.tick(), FRAME_MS);
  }

  stop() {
    clearTimeout(this.timer);
    this.stream?.getTracks().forEach(track => track.stop());
    this.stream = null;
    this.video.srcObject = null;
  }

  tick() {
    if (!this.stream) {
      return;
    }
    const { videoWidth, videoHeight } = this.video;
    if (videoWidth > 0 && videoHeight > 0) {
      const scale = Math.min(1, MAX_SIDE / Math.max(videoWidth, videoHeight));
      const width = Math.round(videoWidth * scale);
      const height = Math.round(videoHeight * scale);
      this.canvas.width = width;
      this.canvas.height = height;
      this.context.drawImage(this.video, 0, 0, width, height);
      const code = jsQR(this.context.getImageData(0, 0, width, height).data, width, height,
          { inversionAttempts: 'dontInvert' });
      if (code?.data) {
        this.seen(code.data);
      }
    }
    this.timer = setTimeout(() => this.tick(), FRAME_MS);
  }

  seen(text) {
    const now = Date.now();
    const last = this.lastSeen.get(text);
    this.lastSeen.set(text, now);
    if (last === undefined || now - last > REPEAT_MS) {
      this.onCode(text);
    }
  }
}
