// Every action as a button with its permission and gates; a blocked one shows its recovery guidance up front.
import { el, pairs } from './dom.js';
import { section } from './item-sections.js';

function gateLine(gate) {
  return el('li', { class: `gate gate-${gate.result}` },
    `policy gate ${gate.name}: ${gate.result}`, gate.reason ? ` (${gate.reason})` : '');
}

function state(action) {
  if (action.enabled) return 'Enabled';
  return action.alreadyDone ? 'Already done' : 'Blocked';
}

function guidance(action) {
  const g = action.recoveryGuidance;
  if (!g) return null;
  return el('div', { class: 'guidance', id: `guidance-${action.identity}` },
    el('h4', {}, 'Recovery guidance'),
    pairs([['Cause', g.cause], ['Policy context', g.policyContext], ['Next step', g.nextStep],
      ['Safe retry', g.safeRetry]]));
}

function followUpForm(action, onPress) {
  const form = el('form', { class: 'follow-up', id: 'follow-up-form', hidden: true },
    el('label', { for: 'follow-up-key' }, 'New item key'),
    el('input', { id: 'follow-up-key', name: 'key', required: true, placeholder: 'BF-277' }),
    el('label', { for: 'follow-up-title' }, 'Title'),
    el('input', { id: 'follow-up-title', name: 'title', required: true }),
    el('label', { for: 'follow-up-type' }, 'Work type'),
    el('select', { id: 'follow-up-type', name: 'workType' },
      ['feature', 'bug', 'operations', 'chore', 'research'].map((t) => el('option', { value: t }, t))),
    el('button', { type: 'submit' }, 'Create the follow-up'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const fields = form.elements;
    onPress(action, { followUp: { key: fields.key.value.trim(), title: fields.title.value.trim(),
      workType: fields.workType.value } });
  });
  return form;
}

function blockedSentence(action) {
  const g = action.recoveryGuidance;
  return g ? `${action.label} is blocked: ${g.cause} Next step: ${g.nextStep}` : `${action.label} is blocked.`;
}

function actionItem(action, onPress, onBlocked, live) {
  const blocked = !action.enabled;
  const needsForm = action.identity === 'create-follow-up';
  const form = needsForm && !blocked ? followUpForm(action, onPress) : null;
  const button = el('button', {
    type: 'button',
    class: 'action-button',
    'data-action': action.identity,
    'aria-disabled': blocked ? 'true' : null,
    'aria-describedby': action.recoveryGuidance ? `guidance-${action.identity}` : null,
    onclick: () => {
      if (blocked) {
        onBlocked(blockedSentence(action));
        return;
      }
      if (form) {
        form.hidden = false;
        form.elements.key.focus();
      } else {
        onPress(action);
      }
    },
  }, action.label);
  const look = action.enabled ? 'enabled' : action.alreadyDone ? 'done' : 'blocked';
  return el('li', { class: `action ${look}`, id: `action-${action.identity}` },
    el('h3', {}, action.label, ' ', el('span', { class: 'action-state' }, state(action))),
    el('p', {}, action.description),
    guidance(action),
    el('p', { class: 'identity' }, `identity: ${action.identity}`),
    el('p', { class: 'permission' }, `permission: ${action.permission}`),
    el('ul', { class: 'gates' }, action.gates.map(gateLine)),
    el('p', { class: 'endpoint' }, el('code', {}, `${action.method} ${action.path}`)),
    live ? button : null,
    form);
}

/**
 * The actions section. {@code onPress(action, body)} runs an enabled one; pressing a blocked one sends nothing and
 * passes its guidance in a sentence to {@code onBlocked}. A historical page shows no buttons.
 */
export function actions(page, onPress, onBlocked) {
  const live = !page.historical;
  return section('available-actions', 'Available Actions', el('ul', { class: 'actions' },
    page.availableActions.map((action) => actionItem(action, onPress, onBlocked, live))));
}
