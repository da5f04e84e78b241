// 朗读 (read aloud): the browser's own speech synthesis with a Chinese (zh-CN) voice. Where
// there is no speech synthesis or no Chinese voice, the button stays hidden: a button that
// does nothing, or reads Chinese in an English voice, is worse than none.
import { h } from "../dom.js";

function chineseVoice() {
  const synth = window.speechSynthesis;
  if (!synth || typeof synth.getVoices !== "function" || typeof window.SpeechSynthesisUtterance !== "function") return null;
  const voices = synth.getVoices() || [];
  return (
    voices.find((v) => /^zh[-_]CN$/i.test(v.lang)) ||
    voices.find((v) => /^(zh|cmn)([-_](Hans|CN))?/i.test(v.lang)) ||
    null
  );
}

/** Stops anything being read (on every new screen). */
export function stopReading() {
  try {
    if (window.speechSynthesis) window.speechSynthesis.cancel();
  } catch {
    // nothing to stop
  }
}

/** A 朗读 button that reads `text()` aloud, or null where speech synthesis does not exist. */
export function readAloudButton(text, label = "朗读") {
  if (!("speechSynthesis" in window)) return null;
  const button = h("button", { type: "button", class: "button secondary read-aloud", hidden: true }, label);
  const show = () => {
    button.hidden = !chineseVoice();
  };
  show();
  try {
    window.speechSynthesis.addEventListener("voiceschanged", show);
  } catch {
    // Older engines: the first check above is all we get.
  }
  button.addEventListener("click", () => {
    const voice = chineseVoice();
    if (!voice) return;
    const synth = window.speechSynthesis;
    if (synth.speaking) {
      synth.cancel();
      return;
    }
    const utterance = new window.SpeechSynthesisUtterance(text());
    utterance.voice = voice;
    utterance.lang = "zh-CN";
    utterance.rate = 0.9;
    synth.speak(utterance);
  });
  return button;
}
