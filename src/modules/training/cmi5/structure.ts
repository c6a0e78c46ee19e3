/**
 * A cmi5 course structure (cmi5.xml, cmi5 specification section 13): the course, and its assignable units
 * in order (a parent's own units, then its blocks' units: Concord's lessons are a flat list). Each unit keeps what the
 * launch needs: its activity id, the URL of its content inside the package, moveOn, masteryScore,
 * launchMethod and launchParameters. Pure; an error names cmi5.xml, the line where the XML itself is
 * broken, and the element and attribute at fault otherwise.
 *
 * @example readCourseStructure('<courseStructure …><course id="https://…"><title>…</title></course><au id="…">…</au></courseStructure>')
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export const moveOnValues = ['Passed', 'Completed', 'CompletedAndPassed', 'CompletedOrPassed', 'NotApplicable'] as const;
export type MoveOn = (typeof moveOnValues)[number];

export interface AssignableUnit {
  activityId: string;
  title: string;
  description: string;
  /** The content's path inside the package (relative, no `..`). */
  url: string;
  moveOn: MoveOn;
  masteryScore: number | null;
  launchMethod: 'AnyWindow' | 'OwnWindow';
  launchParameters: string | null;
}

export interface CourseStructure {
  courseActivityId: string;
  title: string;
  description: string;
  units: AssignableUnit[];
}

export class StructureError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`cmi5.xml ${path}: ${message}`);
  }
}

type Node = Record<string, unknown>;
const repeated = new Set(['au', 'block', 'langstring']);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  preserveOrder: false,
  isArray: (name) => repeated.has(name),
});

const isIri = (value: string) => /^[a-z][a-z0-9+.-]*:\S+$/i.test(value);

/** A langstring element's text: American English first, then any English, then the first. */
function text(node: unknown, path: string, isRequired: boolean): string {
  const strings = ((node as Node | undefined)?.langstring as unknown[] | undefined) ?? [];
  const pick = (lang: RegExp) => strings.find((s) => typeof s === 'object' && s !== null && lang.test(String((s as Node)['@lang'] ?? '')));
  const chosen = pick(/^en-US$/i) ?? pick(/^en/i) ?? strings[0];
  const value = typeof chosen === 'string' ? chosen : String((chosen as Node | undefined)?.['#text'] ?? '');
  if (isRequired && value.trim().length < 2) throw new StructureError(path, 'needs a <langstring> of at least 2 characters');
  return value.trim();
}

/** The assignable units of a course or block, blocks read through in order. */
function unitsOf(node: Node, path: string): { node: Node; path: string }[] {
  const units: { node: Node; path: string }[] = [];
  // The parser groups siblings by name: a parent's own units come first, then its blocks' units, each in order.
  ((node.au as Node[] | undefined) ?? []).forEach((au, i) => units.push({ node: au, path: `${path}/au[${i + 1}]` }));
  ((node.block as Node[] | undefined) ?? []).forEach((block, i) => units.push(...unitsOf(block, `${path}/block[${i + 1}]`)));
  return units;
}

function unit(node: Node, path: string): AssignableUnit {
  const activityId = String(node['@id'] ?? '').trim();
  if (!isIri(activityId)) throw new StructureError(`${path}@id`, 'must be an IRI (the unit’s activity id)');
  const url = String(node.url ?? '').trim();
  if (!url) throw new StructureError(`${path}/url`, 'is required');
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('/') || url.startsWith('\\'))
    throw new StructureError(`${path}/url`, 'must be a path inside the package (Concord serves only the content it imported)');
  const [file] = url.split(/[?#]/);
  if (file!.split('/').some((part) => part === '..' || part === '.')) throw new StructureError(`${path}/url`, 'must not climb out of the package');
  const moveOn = String(node['@moveOn'] ?? 'NotApplicable') as MoveOn;
  if (!moveOnValues.includes(moveOn)) throw new StructureError(`${path}@moveOn`, `must be one of ${moveOnValues.join(', ')}`);
  let masteryScore: number | null = null;
  if (node['@masteryScore'] !== undefined) {
    masteryScore = Number(node['@masteryScore']);
    if (!Number.isFinite(masteryScore) || masteryScore < 0 || masteryScore > 1)
      throw new StructureError(`${path}@masteryScore`, 'must be a decimal from 0 to 1');
  }
  const launchMethod = String(node['@launchMethod'] ?? 'AnyWindow');
  if (launchMethod !== 'AnyWindow' && launchMethod !== 'OwnWindow') throw new StructureError(`${path}@launchMethod`, 'must be AnyWindow or OwnWindow');
  const launchParameters = node.launchParameters === undefined ? null : String(node.launchParameters);
  return {
    activityId,
    title: text(node.title, `${path}/title`, true),
    description: text(node.description, `${path}/description`, false),
    url,
    moveOn,
    masteryScore,
    launchMethod,
    launchParameters,
  };
}

/** The course structure cmi5.xml describes, or a StructureError naming what is wrong and where. */
export function readCourseStructure(xml: string): CourseStructure {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new StructureError('', 'a document type declaration is not allowed (cmi5.xml needs none)');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new StructureError(`line ${valid.err.line}`, valid.err.msg);
  const root = (parser.parse(xml) as Node).courseStructure as Node | undefined;
  if (!root || typeof root !== 'object') throw new StructureError('', 'the root element must be <courseStructure>');
  const course = root.course as Node | undefined;
  if (!course || typeof course !== 'object') throw new StructureError('/courseStructure/course', 'is required');
  const courseActivityId = String(course['@id'] ?? '').trim();
  if (!isIri(courseActivityId)) throw new StructureError('/courseStructure/course@id', 'must be an IRI');
  const units = unitsOf(root, '/courseStructure').map((u) => unit(u.node, u.path));
  if (units.length === 0) throw new StructureError('/courseStructure', 'holds no <au> (assignable unit)');
  if (units.length > 50) throw new StructureError('/courseStructure', `holds ${units.length} assignable units (a course has at most 50 lessons)`);
  const ids = units.map((u) => u.activityId);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new StructureError('/courseStructure', `two assignable units have the id ${twice}`);
  return {
    courseActivityId,
    title: text(course.title, '/courseStructure/course/title', true),
    description: text(course.description, '/courseStructure/course/description', false),
    units,
  };
}

/** Whether what a unit reported in a registration meets its moveOn criterion (cmi5 section 10). */
export function isMoveOnMet(moveOn: MoveOn, outcome: { isCompleted: boolean; isPassed: boolean }): boolean {
  switch (moveOn) {
    case 'Completed':
      return outcome.isCompleted;
    case 'Passed':
      return outcome.isPassed;
    case 'CompletedAndPassed':
      return outcome.isCompleted && outcome.isPassed;
    case 'CompletedOrPassed':
      return outcome.isCompleted || outcome.isPassed;
    case 'NotApplicable':
      return true;
  }
}
