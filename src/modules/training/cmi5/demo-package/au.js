/*
 * The assignable unit's side of the cmi5 launch, for Concord's demo package: read the launch parameters,
 * fetch the auth token once, read LMS.LaunchData from the State resource, then state initialized,
 * completed (and passed or failed for the knowledge check) and terminated, with the session's context
 * template, and offer the way back to Concord (returnURL).
 */
(function () {
  'use strict';
  var params = new URLSearchParams(window.location.search);
  var endpoint = params.get('endpoint') || '';
  var fetchUrl = params.get('fetch') || '';
  var registration = params.get('registration') || '';
  var activityId = params.get('activityId') || '';
  var actor = JSON.parse(params.get('actor') || '{}');
  var statusBox = document.getElementById('status');
  var finish = document.getElementById('finish');
  var kind = document.getElementById('au').getAttribute('data-kind');
  var answers = { q1: 'b', q2: 'a', q3: 'b', q4: 'c', q5: 'a' };
  var token = '';
  var launchData = null;
  var startedAt = Date.now();

  function say(text, isError) {
    statusBox.textContent = text;
    statusBox.className = isError ? 'status error' : 'status';
  }

  function xapi(path, init) {
    var headers = Object.assign({ Authorization: 'Basic ' + token, 'X-Experience-API-Version': '1.0.3' }, (init && init.headers) || {});
    return fetch(endpoint.replace(/\/?$/, '/') + path, Object.assign({}, init, { headers: headers })).then(function (response) {
      if (!response.ok) throw new Error('The learning record store answered ' + response.status + '.');
      return response;
    });
  }

  function duration() {
    return 'PT' + Math.max(1, Math.round((Date.now() - startedAt) / 1000)) + 'S';
  }

  function state(verb, display, result) {
    var context = JSON.parse(JSON.stringify(launchData.contextTemplate));
    context.registration = registration;
    context.contextActivities = context.contextActivities || {};
    context.contextActivities.category = [{ id: 'https://w3id.org/xapi/cmi5/context/categories/cmi5' }];
    if (verb === 'passed' || verb === 'failed') context.contextActivities.category.push({ id: 'https://w3id.org/xapi/cmi5/context/categories/moveon' });
    if (verb === 'completed') context.contextActivities.category.push({ id: 'https://w3id.org/xapi/cmi5/context/categories/moveon' });
    var statement = {
      id: crypto.randomUUID(),
      actor: actor,
      verb: { id: 'http://adlnet.gov/expapi/verbs/' + verb, display: { 'en-US': display } },
      object: { objectType: 'Activity', id: activityId },
      context: context,
      timestamp: new Date().toISOString(),
    };
    if (result) statement.result = result;
    return xapi('statements', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(statement) });
  }

  function goBack() {
    var link = document.createElement('a');
    link.href = launchData.returnURL;
    link.className = 'button';
    link.id = 'return';
    link.textContent = 'Return to Concord';
    finish.replaceWith(link);
    link.focus();
  }

  function score() {
    var right = 0;
    Object.keys(answers).forEach(function (q) {
      var chosen = document.querySelector('input[name="' + q + '"]:checked');
      if (chosen && chosen.value === answers[q]) right += 1;
    });
    return right;
  }

  function end() {
    finish.disabled = true;
    var steps;
    if (kind === 'check') {
      var right = score();
      var total = Object.keys(answers).length;
      var scaled = right / total;
      var isPassed = launchData.masteryScore === undefined || scaled >= launchData.masteryScore;
      var result = { score: { scaled: scaled, raw: right, min: 0, max: total }, success: isPassed, duration: duration() };
      steps = state('completed', 'completed', { completion: true, duration: duration() })
        .then(function () {
          return state(isPassed ? 'passed' : 'failed', isPassed ? 'passed' : 'failed', result);
        })
        .then(function () {
          return isPassed
            ? 'You answered ' + right + ' of ' + total + ' right and passed.'
            : 'You answered ' +
                right +
                ' of ' +
                total +
                ' right. You need ' +
                Math.ceil(launchData.masteryScore * total) +
                ' to pass: open the lesson again from Concord to retry.';
        });
    } else {
      steps = state('completed', 'completed', { completion: true, duration: duration() }).then(function () {
        return 'Lesson complete.';
      });
    }
    steps
      .then(function (message) {
        return state('terminated', 'terminated', { duration: duration() }).then(function () {
          say(message + ' Concord has recorded it.');
          goBack();
        });
      })
      .catch(function (error) {
        say('Your answers could not be recorded: ' + error.message + ' Return to Concord and open the lesson again.', true);
      });
  }

  fetch(fetchUrl, { method: 'POST' })
    .then(function (response) {
      return response.json();
    })
    .then(function (body) {
      if (!body['auth-token']) throw new Error(body['error-text'] || 'This launch link has already been used.');
      token = body['auth-token'];
      var query = new URLSearchParams({ activityId: activityId, agent: JSON.stringify(actor), registration: registration, stateId: 'LMS.LaunchData' });
      return xapi('activities/state?' + query.toString());
    })
    .then(function (response) {
      return response.json();
    })
    .then(function (data) {
      launchData = data;
      return state('initialized', 'initialized');
    })
    .then(function () {
      say(kind === 'check' ? 'Answer every question, then submit.' : 'Read the lesson, then say you have read it.');
      finish.disabled = false;
    })
    .catch(function (error) {
      say('This lesson could not start: ' + error.message + ' Return to Concord and open it again.', true);
    });

  var form = document.getElementById('check');
  if (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      end();
    });
  } else {
    finish.addEventListener('click', end);
  }
})();
