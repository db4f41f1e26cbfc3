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

/**
 * Points a field earns now: its full points once any of its controls has a value, except that a selected `<option>`
 * may carry its own `data-points` (a licence outside the EU vocabulary earns the licence points but not the
 * vocabulary points).
 */
function earnedBy(field: Field): number {
  const controls = field.el.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea');
  for (const c of controls) {
    if (c instanceof HTMLInputElement && (c.type === 'checkbox' || c.type === 'radio')) {
      if (c.checked) return field.points;
    } else if (c instanceof HTMLSelectElement && c.value !== '') {
      const own = c.selectedOptions[0]?.dataset.points;
      return own !== undefined ? Number(own) : field.points;
    } else if (c.value.trim() !== '') return field.points;
  }
  return 0;
}

function Panel({ root, fields }: { root: HTMLElement; fields: Field[] }) {
  const [earned, setEarned] = useState(() => fields.map(earnedBy));
  useEffect(() => {
    const form = root.closest('form') ?? document;
    const update = () => setEarned(fields.map(earnedBy));
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
      const got = earned[i]!;
      badge.textContent = got > 0 ? fill(root.dataset.filled!, { points: got }) : fill(root.dataset.available!, { points: f.points });
      badge.classList.toggle('missing', got === 0);
    });
  }, [earned]);

  const max = fields.reduce((s, f) => s + f.points, 0);
  const total = earned.reduce((s, e) => s + e, 0);
  const dims = [...new Set(fields.map((f) => f.dimension))];
  const missing = fields
    .map((f, i) => ({ ...f, gap: f.points - earned[i]! }))
    .filter((f) => f.gap > 0)
    .sort((a, b) => b.gap - a.gap);
  return (
    <div class="notice" aria-live="polite">
      <strong>{root.dataset.title}</strong>
      <p>
        <meter min={0} max={max} value={total} aria-hidden="true" /> {fill(root.dataset.earned!, { earned: total, max })}
      </p>
      <ul class="small">
        {dims.map((d) => {
          const fs = fields.filter((f) => f.dimension === d);
          const got = fs.reduce((s, f) => s + earned[fields.indexOf(f)]!, 0);
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
              {f.label} (+{f.gap})
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
