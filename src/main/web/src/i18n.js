// The pages' words, Vietnamese first (the default) and English; {name} marks a value. The words
// every page uses are here; each page adds its own with addStrings.
const STRINGS = {
  vi: {
    switchLanguage: 'English',
    switchLanguageLabel: 'Switch to English',
    logout: 'Đăng xuất',
    loginTitle: 'Đăng nhập',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    loginButton: 'Đăng nhập',
    loginFailed: 'Sai tên đăng nhập hoặc mật khẩu.',
    serverUnavailable: 'Máy chủ đang bận hoặc gặp sự cố. Hãy thử lại sau ít phút.',
    loginNotKept: 'Không lưu được đăng nhập trên máy này (bộ nhớ có thể đã đầy).',
    needNetwork: 'Cần có mạng để làm việc này.',
    female: 'Nữ',
    male: 'Nam',
    cancel: 'Đóng',
    networkError: 'Không kết nối được máy chủ.',
  },
  en: {
    switchLanguage: 'Tiếng Việt',
    switchLanguageLabel: 'Chuyển sang tiếng Việt',
    logout: 'Log out',
    loginTitle: 'Log in',
    username: 'Username',
    password: 'Password',
    loginButton: 'Log in',
    loginFailed: 'Wrong username or password.',
    serverUnavailable: 'The server is busy or out of order. Try again in a few minutes.',
    loginNotKept: 'The login cannot be kept on this device (its storage may be full).',
    needNetwork: 'This needs a connection.',
    female: 'Female',
    male: 'Male',
    cancel: 'Close',
    networkError: 'The server cannot be reached.',
  },
};

export const LANGUAGES = Object.keys(STRINGS);

/** Adds a page's words: {vi: {key: text}, en: {key: text}}. */
export function addStrings(more) {
  for (const lang of LANGUAGES) {
    Object.assign(STRINGS[lang], more[lang]);
  }
}

let current = 'vi';

export function setLanguage(lang) {
  current = STRINGS[lang] ? lang : 'vi';
  document.documentElement.lang = current;
}

export function language() {
  return current;
}

export function t(key, params = {}) {
  const text = STRINGS[current][key] ?? STRINGS.vi[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ''));
}

/** Fills every element marked data-i18n (text) or data-i18n-label (aria-label) in the page. */
export function translatePage(root = document) {
  root.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-label]').forEach(el => { el.setAttribute('aria-label', t(el.dataset.i18nLabel)); });
  document.title = t('appTitle');
}
