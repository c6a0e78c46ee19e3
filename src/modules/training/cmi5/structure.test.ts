import { describe, expect, it } from 'vitest';
import { isMoveOnMet, readCourseStructure } from './structure';

const course = (body: string) => `<?xml version="1.0"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://example.org/course"><title><langstring lang="es-MX">Curso</langstring><langstring lang="en-US">Course</langstring></title></course>
  ${body}
</courseStructure>`;

describe('cmi5.xml', () => {
  it('reads a course’s units, through blocks, with the defaults cmi5 gives', () => {
    const structure = readCourseStructure(
      course(`<au id="https://example.org/au/1"><title><langstring lang="en-GB">One</langstring></title><url>a/one.html?x=1</url></au>
        <block id="https://example.org/block/1"><title><langstring>Block</langstring></title>
          <au id="https://example.org/au/2" moveOn="Passed" masteryScore="0.75" launchMethod="OwnWindow"><title><langstring>Two</langstring></title><url>two.html</url><launchParameters>{"a":1}</launchParameters></au>
        </block>`),
    );
    expect(structure).toEqual({
      courseActivityId: 'https://example.org/course',
      title: 'Course',
      description: '',
      units: [
        {
          activityId: 'https://example.org/au/1',
          title: 'One',
          description: '',
          url: 'a/one.html?x=1',
          moveOn: 'NotApplicable',
          masteryScore: null,
          launchMethod: 'AnyWindow',
          launchParameters: null,
        },
        {
          activityId: 'https://example.org/au/2',
          title: 'Two',
          description: '',
          url: 'two.html',
          moveOn: 'Passed',
          masteryScore: 0.75,
          launchMethod: 'OwnWindow',
          launchParameters: '{"a":1}',
        },
      ],
    });
  });

  it('names what is wrong and where', () => {
    const unit = (attrs: string, url = 'one.html') =>
      course(`<au id="https://example.org/au/1" ${attrs}><title><langstring>One</langstring></title><url>${url}</url></au>`);
    expect(() => readCourseStructure(course(''))).toThrow('cmi5.xml /courseStructure: holds no <au>');
    expect(() => readCourseStructure(unit('', '../up.html'))).toThrow('cmi5.xml /courseStructure/au[1]/url: must not climb out of the package');
    expect(() => readCourseStructure(unit('launchMethod="Popup"'))).toThrow('au[1]@launchMethod: must be AnyWindow or OwnWindow');
    expect(() => readCourseStructure(course('<au id="not an iri"><url>x.html</url></au>'))).toThrow('au[1]@id: must be an IRI');
    expect(() => readCourseStructure('<courseStructure><course id="https://x"></courseStructure>')).toThrow(/^cmi5\.xml line 1:/);
    expect(() =>
      readCourseStructure(
        course(
          '<au id="https://e/1"><title><langstring>A1</langstring></title><url>a</url></au><au id="https://e/1"><title><langstring>A2</langstring></title><url>b</url></au>',
        ),
      ),
    ).toThrow('two assignable units have the id https://e/1');
  });

  it('moveOn: met by what the unit reported in the registration', () => {
    const cases = [
      ['Completed', { isCompleted: true, isPassed: false }, true],
      ['Passed', { isCompleted: true, isPassed: false }, false],
      ['CompletedAndPassed', { isCompleted: true, isPassed: false }, false],
      ['CompletedAndPassed', { isCompleted: true, isPassed: true }, true],
      ['CompletedOrPassed', { isCompleted: false, isPassed: true }, true],
      ['NotApplicable', { isCompleted: false, isPassed: false }, true],
    ] as const;
    for (const [moveOn, outcome, isMet] of cases) expect(isMoveOnMet(moveOn, outcome), moveOn).toBe(isMet);
  });
});
