/**
 * What the door hears and feels with each answer, so staff need not read the screen for every
 * ticket: a short high tone for admitted, two low ones for anything else, made with Web Audio
 * (no audio files to fetch or cache), and a vibration where the phone has one.
 */
let audio: AudioContext | null = null;

function tone(context: AudioContext, frequency: number, start: number, duration: number) {
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.type = 'sine';
  oscillator.frequency.value = frequency;
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.3, start + 0.01);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + duration);
  oscillator.connect(gain).connect(context.destination);
  oscillator.start(start);
  oscillator.stop(start + duration + 0.02);
}

export function signal(kind: 'admitted' | 'warning' | 'refused') {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume();
    const now = audio.currentTime;
    if (kind === 'admitted') tone(audio, 1320, now, 0.15);
    else if (kind === 'warning') {
      tone(audio, 660, now, 0.18);
      tone(audio, 660, now + 0.25, 0.18);
    } else {
      tone(audio, 220, now, 0.25);
      tone(audio, 220, now + 0.32, 0.25);
    }
  } catch {
    // No sound on this device: the screen and the vibration still say it.
  }
  navigator.vibrate?.(kind === 'admitted' ? 80 : [200, 100, 200]);
}
