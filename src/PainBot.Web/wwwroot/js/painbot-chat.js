/*
 * PainBot chat: the official Bot Framework Web Chat connected to PainBot's built-in Direct Line.
 *
 * The page asks its own host for a one-conversation token (POST api/chat/token); the Direct Line secret stays
 * on the server. Escalations (channelData.painbot.level) are wrapped in a labelled, colour-coded block and
 * announced to screen readers.
 *
 * Script attributes (all optional): data-painbot-host (base URL of the PainBot host; default: where this
 * script was loaded from), data-target (id of the element to render into; default "webchat"), data-status and
 * data-alert (ids of polite and assertive live regions), data-locale, data-emergency-number (named in the
 * message shown when the chat cannot load; default "your local emergency number").
 */
(function () {
  'use strict';

  var script = document.currentScript;
  var data = (script && script.dataset) || {};
  var base = data.painbotHost || (script && script.src ? new URL('..', script.src).href : document.baseURI);
  if (base.charAt(base.length - 1) !== '/') {
    base += '/';
  }

  var host = document.getElementById(data.target || 'webchat');
  var statusRegion = data.status ? document.getElementById(data.status) : null;
  var emergencyNumber = data.emergencyNumber || 'your local emergency number';
  var alertRegion = data.alert ? document.getElementById(data.alert) : null;

  var LEVELS = {
    emergency: 'Emergency',
    crisis: 'Crisis support',
    urgent: 'Urgent',
    med_safety: 'Medication safety'
  };

  function setStatus(text) {
    if (statusRegion) {
      statusRegion.textContent = text;
    }
  }

  function announce(text) {
    if (alertRegion) {
      // Clear first so the same text is announced again.
      alertRegion.textContent = '';
      window.setTimeout(function () { alertRegion.textContent = text; }, 50);
    }
  }

  function fail(text) {
    setStatus(text);
    if (host) {
      host.classList.add('painbot-unavailable');
      host.textContent = text;
    }
  }

  // Web Chat's bundle keeps React to itself, so elements are built by hand (React 16 element shape).
  var REACT_ELEMENT = typeof Symbol === 'function' && Symbol.for ? Symbol.for('react.element') : 0xeac7;
  function h(type, props, children) {
    var all = Object.assign({}, props, { children: children });
    return { $$typeof: REACT_ELEMENT, type: type, key: null, ref: null, props: all, _owner: null };
  }

  function levelOf(activity) {
    var painbot = activity && activity.channelData && activity.channelData.painbot;
    return painbot && LEVELS[painbot.level] ? painbot.level : null;
  }

  var activityMiddleware = function () {
    return function (next) {
      return function (card) {
        var render = next.apply(null, arguments);
        var level = levelOf(card && card.activity);
        if (!render || !level || !card.activity.from || card.activity.from.role !== 'bot') {
          return render;
        }

        return function () {
          return h('div', { className: 'painbot-escalation painbot-escalation--' + level, 'data-painbot-level': level }, [
            h('p', { className: 'painbot-escalation__label', key: 'label' }, LEVELS[level]),
            h('div', { className: 'painbot-escalation__body', key: 'body' }, render.apply(null, arguments))
          ]);
        };
      };
    };
  };

  var styleOptions = {
    accent: '#0b6b66',
    backgroundColor: '#ffffff',
    primaryFont: "'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Arial, sans-serif",
    bubbleBackground: '#f3f6f5',
    bubbleBorderColor: '#d7e2df',
    bubbleBorderRadius: 12,
    bubbleFromUserBackground: '#0b6b66',
    bubbleFromUserTextColor: '#ffffff',
    bubbleFromUserBorderRadius: 12,
    bubbleMaxWidth: 640,
    botAvatarInitials: 'PB',
    botAvatarBackgroundColor: '#0b6b66',
    hideUploadButton: true,
    sendBoxButtonColor: '#0b6b66',
    sendBoxHeight: 56,
    suggestedActionLayout: 'flow',
    suggestedActionBackgroundColor: '#ffffff',
    suggestedActionBorderColor: '#0b6b66',
    suggestedActionTextColor: '#0b6b66',
    suggestedActionBorderRadius: 18,
    suggestedActionHeight: 36,
    transcriptVisualKeyboardIndicatorColor: '#0b6b66'
  };

  async function start() {
    if (!host) {
      return;
    }

    if (!window.WebChat) {
      fail('The chat could not be loaded. Please call the clinic instead; in an emergency call ' + emergencyNumber + '.');
      return;
    }

    var session;
    try {
      var response = await fetch(new URL('api/chat/token', base).href, { method: 'POST', headers: { Accept: 'application/json' } });
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }

      session = await response.json();
    } catch (e) {
      fail(e && e.message === 'HTTP 429'
        ? 'Too many chats were started from your network. Please wait a minute and reload the page.'
        : 'PainBot is not available right now. Please call the clinic instead; in an emergency call ' + emergencyNumber + '.');
      return;
    }

    var directLine = window.WebChat.createDirectLine({ domain: session.domain, token: session.token, webSocket: true });
    var store = window.WebChat.createStore({}, function () {
      return function (next) {
        return function (action) {
          if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
            setStatus('Connected. Type your question in the box at the bottom of the chat.');
          } else if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
            var activity = action.payload && action.payload.activity;
            var level = levelOf(activity);
            if (level && activity.from && activity.from.role === 'bot') {
              announce(LEVELS[level] + ': ' + (activity.text || '').split('\n')[0]);
            }
          }

          return next(action);
        };
      };
    });

    window.WebChat.renderWebChat({
      directLine: directLine,
      store: store,
      // No userID: the token already names the visitor and the server stamps it on every activity ("dl_" ids
      // are reserved for ids embedded in a token, which Web Chat cannot read from ours).
      locale: data.locale || document.documentElement.lang || 'en-US',
      styleOptions: styleOptions,
      activityMiddleware: activityMiddleware
    }, host);
  }

  start();
})();
