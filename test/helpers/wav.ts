// A tiny PCM WAV written by hand (RIFF header + 8 kHz mono 16-bit samples of a quiet tone), so tests
// need no audio tools: `durationMs` of audio that a browser's <audio> element can play.
export function makeWav(durationMs: number, rate = 8000): Uint8Array {
  const samples = Math.round((rate * durationMs) / 1000);
  const data = samples * 2;
  const b = new Uint8Array(44 + data);
  const v = new DataView(b.buffer);
  const put = (at: number, s: string) => [...s].forEach((ch, i) => (b[at + i] = ch.charCodeAt(0)));
  put(0, 'RIFF');
  v.setUint32(4, 36 + data, true);
  put(8, 'WAVE');
  put(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true); // PCM
  v.setUint16(22, 1, true); // mono
  v.setUint32(24, rate, true);
  v.setUint32(28, rate * 2, true); // byte rate
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  put(36, 'data');
  v.setUint32(40, data, true);
  for (let i = 0; i < samples; i++) v.setInt16(44 + i * 2, Math.round(800 * Math.sin((2 * Math.PI * 220 * i) / rate)), true);
  return b;
}
