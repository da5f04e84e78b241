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
    const synth = window.speechSynthesis;
    if (synth && (synth.speaking || synth.pending)) synth.cancel();
  } catch {
    // nothing to stop
  }
}

/** The buttons on show, shown or hidden again when the browser's voices arrive or change. */
let buttons = [];
let listening = false;
function showWhenVoicesChange(button) {
  buttons.push(button);
  // Those of past screens go; one just made is not on the page yet, so it stays.
  if (buttons.length > 8) buttons = buttons.filter((b) => b.isConnected || b === button);
  if (listening) return;
  listening = true;
  try {
    window.speechSynthesis.addEventListener("voiceschanged", () => {
      const voice = chineseVoice();
      buttons = buttons.filter((b) => b.isConnected);
      for (const b of buttons) b.hidden = !voice;
    });
  } catch {
    // Older engines: the first check is all we get.
  }
}

/** A 朗读 button that reads `text()` aloud, or null where speech synthesis does not exist. */
export function readAloudButton(text, label = "朗读") {
  if (!("speechSynthesis" in window)) return null;
  const button = h("button", { type: "button", class: "button secondary read-aloud", hidden: true }, label);
  button.hidden = !chineseVoice();
  showWhenVoicesChange(button);
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
