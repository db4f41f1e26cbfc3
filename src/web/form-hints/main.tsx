import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * Live metadata-quality hints on the dataset form (issue 6 §3): as fields are filled, each one shows the MQA points it
 * earns (data.europa.eu Metadata Quality Assessment; the points per field come from the server in
 * `data-mqa-points`, so the island holds no scoring rules of its own) and a panel sums them per dimension.
 * Without JavaScript the form shows the points each field can earn, statically.
 *
 * Markup it reads: `<div class="field" data-mqa-points="30" data-mqa-dimension="Findability"
 * data-mqa-label="Kata kunci">` around the inputs, with a `.points` element to update; the panel root carries the
 * texts: data-title, data-earned ("{earned} dari {max} poin"), data-filled ("✓ {points} poin"),
 * data-available ("+{points} poin"), data-missing-title.
 */
interface Field {
  el: HTMLElement;
  points: number;
  dimension: string;
  label: string;
}

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (w, k: string) => (k in params ? String(params[k]) : w));
}

function isFilled(el: HTMLElement): boolean {
  const controls = el.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea');
  for (const c of controls) {
    if (c instanceof HTMLInputElement && (c.type === 'checkbox' || c.type === 'radio')) {
      if (c.checked) return true;
    } else if (c.value.trim() !== '') return true;
  }
  return false;
}

function Panel({ root, fields }: { root: HTMLElement; fields: Field[] }) {
  const [filled, setFilled] = useState(() => fields.map((f) => isFilled(f.el)));
  useEffect(() => {
    const form = root.closest('form') ?? document;
    const update = () => setFilled(fields.map((f) => isFilled(f.el)));
    form.addEventListener('input', update);
    form.addEventListener('change', update);
    return () => {
      form.removeEventListener('input', update);
      form.removeEventListener('change', update);
    };
  }, []);
  useEffect(() => {
    fields.forEach((f, i) => {
      const badge = f.el.querySelector('.points');
      if (!badge) return;
      badge.textContent = fill(filled[i] ? root.dataset.filled! : root.dataset.available!, { points: f.points });
      badge.classList.toggle('missing', !filled[i]);
    });
  }, [filled]);

  const max = fields.reduce((s, f) => s + f.points, 0);
  const earned = fields.reduce((s, f, i) => s + (filled[i] ? f.points : 0), 0);
  const dims = [...new Set(fields.map((f) => f.dimension))];
  const missing = fields.filter((_, i) => !filled[i]).sort((a, b) => b.points - a.points);
  return (
    <div class="notice" aria-live="polite">
      <strong>{root.dataset.title}</strong>
      <p>
        <meter min={0} max={max} value={earned} aria-hidden="true" /> {fill(root.dataset.earned!, { earned, max })}
      </p>
      <ul class="small">
        {dims.map((d) => {
          const fs = fields.filter((f) => f.dimension === d);
          const got = fs.reduce((s, f) => s + (filled[fields.indexOf(f)] ? f.points : 0), 0);
          return (
            <li key={d}>
              {d}: {got}/{fs.reduce((s, f) => s + f.points, 0)}
            </li>
          );
        })}
      </ul>
      {missing.length > 0 && (
        <p class="small">
          {root.dataset.missingTitle}{' '}
          {missing.map((f, i) => (
            <span key={f.label}>
              {i > 0 && ', '}
              {f.label} (+{f.points})
            </span>
          ))}
        </p>
      )}
    </div>
  );
}

for (const root of document.querySelectorAll<HTMLElement>('[data-island="form-hints"]')) {
  const form = root.closest('form') ?? document;
  const fields: Field[] = [...form.querySelectorAll<HTMLElement>('[data-mqa-points]')].map((el) => ({
    el,
    points: Number(el.dataset.mqaPoints),
    dimension: el.dataset.mqaDimension ?? '',
    label: el.dataset.mqaLabel ?? '',
  }));
  root.textContent = '';
  render(<Panel root={root} fields={fields} />, root);
}
