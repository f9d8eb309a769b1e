// The learner's storage, shared by the exercise and quiz widgets: every key starts with KEY.
// Nothing here may throw: storage can be full, disabled, or blocked in a wiki's iframe.

export const KEY = "lambdanet-edu:";

export const store = {
  read(name, fallback) {
    try {
      const text = localStorage.getItem(KEY + name);
      return text === null ? fallback : JSON.parse(text);
    } catch {
      return fallback;
    }
  },
  write(name, value) {
    try {
      localStorage.setItem(KEY + name, JSON.stringify(value));
      return true;
    } catch {
      return false;  // storage full or disabled: the widget says so
    }
  },
};
