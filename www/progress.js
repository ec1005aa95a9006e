// A call in progress: what it is doing, each retry's reason and countdown, and Cancel.
import { retryReason } from "./copy.js";
import { $, announce } from "./dom.js";

export class Progress {
  #ticker = 0;
  #attempts = 0;

  bindCancel(handler) {
    $("cancel").addEventListener("click", handler);
  }

  /** Shows `text` (with the seconds it has taken) until stop(); announces it unless `quiet`. */
  start(text, { quiet = false } = {}) {
    this.#attempts = 0;
    clearInterval(this.#ticker);
    const started = Date.now();
    const tick = () => {
      const s = Math.floor((Date.now() - started) / 1000);
      $("progress-text").textContent = `${text}${s > 0 ? ` ${s} s` : ""}`;
    };
    tick();
    this.#ticker = setInterval(tick, 1000);
    $("retry-note").hidden = true;
    $("progress").hidden = false;
    if (!quiet) announce(text);
  }

  /** The package's onRetry: says why the attempt failed, and counts down to the next. */
  onRetry = (event) => {
    this.#attempts = event.attempt;
    clearInterval(this.#ticker);
    const reason = retryReason(event.error);
    const next = event.attempt + 1;
    const until = Date.now() + event.delayMs;
    const tick = () => {
      const left = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      $("progress-text").textContent = left > 0
        ? `${reason}: trying again in ${left} s, attempt ${next} of ${event.maxAttempts}`
        : `Trying again: attempt ${next} of ${event.maxAttempts}…`;
      if (left === 0) clearInterval(this.#ticker);
    };
    tick();
    this.#ticker = setInterval(tick, 250);
    $("retry-note").textContent = `Attempt ${event.attempt} of ${event.maxAttempts} failed: ${event.error.message}`;
    $("retry-note").hidden = false;
    // Once per wait for screen readers: the countdown itself is only shown.
    announce(`${reason}: trying again in ${Math.ceil(event.delayMs / 1000)} seconds, attempt ${next} of ${event.maxAttempts}.`);
  };

  /** Attempts the last call made, as far as onRetry saw them. */
  get attempts() {
    return this.#attempts + 1;
  }

  cancelling() {
    $("progress-text").textContent = "Cancelling…";
  }

  stop() {
    clearInterval(this.#ticker);
    $("progress").hidden = true;
    $("retry-note").hidden = true;
  }
}
