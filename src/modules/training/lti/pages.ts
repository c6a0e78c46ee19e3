/**
 * The few pages Concord shows inside an LTI exchange, before any Concord page can (the learner or
 * instructor is still on the platform's side): the instructor's course picker, the way back to the platform
 * with the signed choice, and a launch that cannot go on, in words. Plain HTML, escaped, no script.
 */
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} — Concord</title>
<style>
body { font-family: "Source Sans Pro", "Helvetica Neue", Arial, sans-serif; font-size: 1.0625rem; line-height: 1.5; color: #1b1b1b; margin: 0; }
header { background: #162e51; color: #fff; padding: 0.75rem 1rem; font-weight: 700; }
main { max-width: 44rem; margin: 0 auto; padding: 1rem; }
fieldset { border: 1px solid #a9aeb1; border-radius: 4px; padding: 0.75rem 1rem; margin: 0 0 1rem; }
legend { font-weight: 700; padding: 0 0.25rem; }
label { display: block; padding: 0.375rem 0; }
input[type="radio"] { width: 1.25rem; height: 1.25rem; margin-right: 0.5rem; vertical-align: middle; }
button { background: #005ea2; color: #fff; border: 0; border-radius: 4px; padding: 0.75rem 1.25rem; font-size: 1.0625rem; font-weight: 700; cursor: pointer; }
button:focus, input:focus { outline: 0.25rem solid #2491ff; outline-offset: 0.25rem; }
</style>
</head>
<body>
<header>Concord · California child support training</header>
<main>
<h1>${escape(title)}</h1>
${body}
</main>
</body>
</html>`;
}

export function coursePickerPage(platformName: string, token: string, courses: { code: string; title: string }[]): string {
  const options = courses
    .map(
      (c, i) =>
        `<label><input type="radio" name="course" value="${escape(c.code)}"${i === 0 ? ' required' : ''}> ${escape(c.code)} — ${escape(c.title)}</label>`,
    )
    .join('\n');
  return page(
    'Choose a Concord course',
    `<p>The course you choose is added to your course site on ${escape(platformName)}. Learners who open it there are signed in to Concord and taken to the course; their score comes back to the course site when they complete it.</p>
<form method="post" action="/api/lti/deep-link">
<input type="hidden" name="token" value="${escape(token)}">
<fieldset>
<legend>Published courses</legend>
${options}
</fieldset>
<button type="submit">Add the course</button>
</form>`,
  );
}

export function returnToPlatformPage(course: string, returnUrl: string, jwt: string): string {
  return page(
    'Course chosen',
    `<p>${escape(course)} is ready to add to your course site.</p>
<form method="post" action="${escape(returnUrl)}">
<input type="hidden" name="JWT" value="${escape(jwt)}">
<button type="submit">Return to the course site</button>
</form>`,
  );
}

export function launchProblemPage(message: string): string {
  return page(
    'This course could not open',
    `<p>${escape(message)}</p><p>Go back to your course site and open the course again; if this persists, tell your Concord administrator.</p>`,
  );
}
