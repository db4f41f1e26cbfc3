/**
 * Small enhancements shared by many pages, each optional (the page works without them):
 * - `button[data-copy]`: copies the text of the element whose id it names (the API example of a dataset);
 * - `form[data-progress]`: sends a file upload with XMLHttpRequest to show upload progress in the form's
 *   `<progress>`, then follows the server's answer (a 303 to the check report), exactly like the plain form would.
 */
for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
  button.hidden = false;
  button.addEventListener('click', () => {
    const source = document.getElementById(button.dataset.copy!);
    if (!source) return;
    void navigator.clipboard?.writeText(source.textContent ?? '').then(() => {
      const label = button.textContent;
      button.textContent = button.dataset.copied ?? label;
      setTimeout(() => (button.textContent = label), 1500);
    });
  });
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-progress]')) {
  const bar = form.querySelector('progress');
  const status = form.querySelector<HTMLElement>('[data-progress-status]');
  form.addEventListener('submit', (event) => {
    if (!bar) return;
    event.preventDefault();
    const xhr = new XMLHttpRequest();
    xhr.open(form.method || 'post', form.action);
    bar.hidden = false;
    xhr.upload.addEventListener('progress', (e) => {
      if (!e.lengthComputable) return;
      bar.max = e.total;
      bar.value = e.loaded;
      if (status) status.textContent = `${Math.round((100 * e.loaded) / e.total)}%`;
    });
    xhr.upload.addEventListener('load', () => {
      bar.removeAttribute('value'); // indeterminate while the server checks the file
      if (status) status.textContent = form.dataset.progress ?? '';
    });
    const target = new URL(form.action, window.location.href).href;
    xhr.addEventListener('load', () => {
      // After a redirect (303 to the next page) go there, as the browser would have; a page answered directly (the
      // check report, or the form with its errors) is shown in place.
      if (xhr.responseURL && xhr.responseURL !== target && xhr.status < 400) {
        window.location.assign(xhr.responseURL);
      } else {
        document.open();
        document.write(xhr.responseText);
        document.close();
      }
    });
    xhr.addEventListener('error', () => form.submit());
    xhr.send(new FormData(form));
  });
}
