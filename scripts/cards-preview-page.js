// Runs in headless Chromium (npm run cards:preview): draws one Adaptive Card with the
// official JS renderer (adaptivecards, loaded before this file) inside a Teams-like message.
/* global AdaptiveCards, document, window */
'use strict';

/** Teams renders a markdown subset in TextBlocks: bold, italic, links, code, line breaks. */
function teamsMarkdown(text) {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return escaped
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, '<a href="$2">$1</a>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|\W)_([^_]+)_(?=\W|$)/g, '$1<em>$2</em>')
    .replace(/\n/g, '<br>');
}

AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = teamsMarkdown(text);
  result.didProcess = true;
};

/**
 * Renders `card` with `hostConfig` into #stage as a bot message ("Sentinel onboarding").
 * Returns the renderer's parse warnings (an empty list is expected).
 */
window.renderPreview = function renderPreview(card, hostConfig, theme) {
  document.body.className = theme;
  const stage = document.getElementById('stage');
  stage.innerHTML = '';
  const message = document.createElement('div');
  message.className = 'message';
  const header = document.createElement('div');
  header.className = 'sender';
  header.innerHTML = '<span class="avatar">S</span><span class="name">Sentinel onboarding</span><span class="time">14:05</span>';
  const bubble = document.createElement('div');
  bubble.className = 'bubble';
  const adaptiveCard = new AdaptiveCards.AdaptiveCard();
  adaptiveCard.hostConfig = new AdaptiveCards.HostConfig(hostConfig);
  const context = new AdaptiveCards.SerializationContext();
  adaptiveCard.parse(card, context);
  const warnings = [];
  for (let i = 0; i < context.eventCount; i++) warnings.push(context.getEventAt(i).message);
  const element = adaptiveCard.render();
  if (!element) throw new Error('the renderer produced no element');
  bubble.appendChild(element);
  message.appendChild(header);
  message.appendChild(bubble);
  stage.appendChild(message);
  return warnings;
};
